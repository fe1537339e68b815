# Portico's everyday commands. `make test` is what CI runs; it installs what it needs first.

ENV ?= default
SAM := .venv/bin/sam
SAM_ENV := SAM_CLI_TELEMETRY=0 AWS_DEFAULT_REGION=us-east-1 AWS_ACCESS_KEY_ID=offline AWS_SECRET_ACCESS_KEY=offline

.PHONY: dev test setup lint unit validate fuzz browser web web-check bench openapi build deploy deploy-check fmt clean-data

## dev: build the web apps, then run Portico locally at http://riverside.localhost:3000 (embedded store, demo practice)
dev: web
	cargo run -p portico-local

## test: every layer — lint, unit, contract (redb and DynamoDB on moto), handler, end-to-end, SAM, API fuzzing, browser
test: setup lint unit validate fuzz browser

setup:
	tests/setup.sh

lint:
	cargo fmt --all -- --check
	cargo clippy --workspace --all-targets --quiet -- -D warnings

# Libraries' unit tests and the end-to-end suite; binaries are wiring only and have no tests of their own.
# The suite records each route's data requests for `make bench` (target/bench/requests), stamped with
# the source it ran.
unit:
	rm -rf target/bench/requests target/bench/requests.stamp && mkdir -p target/bench
	tests/source-stamp.sh > target/bench/requests.stamp.next
	PORTICO_RECORD_REQUESTS=$(CURDIR)/target/bench/requests cargo test --workspace --lib --test suite
	mv target/bench/requests.stamp.next target/bench/requests.stamp

validate:
	$(SAM_ENV) $(SAM) validate --region us-east-1 --template infra/template.yaml
	$(SAM_ENV) $(SAM) validate --lint --region us-east-1 --template infra/template.yaml
	.venv/bin/openapi-spec-validator infra/openapi.json

## fuzz: schemathesis against the local gateway: every answer conforms to infra/openapi.json, no 5xx
fuzz:
	FUZZ_EXAMPLES=$${FUZZ_EXAMPLES:-10} tests/fuzz/run.sh

browser: web-check web
	tests/browser/run.sh

## web: build the patient portal and the staff console into web/dist (installs their npm packages once)
web:
	web/scripts/ensure-deps.sh
	npm run --prefix web --silent build

## web-check: the web apps' API types match infra/openapi.json; typecheck, lint, unit and component tests
web-check:
	web/scripts/ensure-deps.sh
	npm run --prefix web --silent check

## bench: every function's release binary started cold with its first real event, at full CPU and under a
## 128 MB Lambda's CPU share, against a hello-world; sizes, memory and data requests; writes docs/bench.md
bench: setup
	mkdir -p target && echo $$(date +%s) > target/bench-started
	# Every function crate (and the hello-world), without the gateway and the tests, so no local-only
	# feature is unified into them.
	cargo build --release --workspace --exclude portico-local --exclude portico-tests --bins
	# Data requests: the last `make test`'s counts when they were recorded from this source, else the suite again.
	if [ "$$(cat target/bench/requests.stamp 2>/dev/null)" = "$$(tests/source-stamp.sh)" ]; then \
		echo "data requests: reusing the counts make test recorded from this source"; \
	else \
		rm -rf target/bench/requests target/bench/requests.stamp && \
		tests/source-stamp.sh > target/bench/requests.stamp.next && \
		PORTICO_RECORD_REQUESTS=$(CURDIR)/target/bench/requests cargo test -p portico-tests --test suite && \
		mv target/bench/requests.stamp.next target/bench/requests.stamp; \
	fi
	PORTICO_BENCH_STARTED=$$(cat target/bench-started) cargo run -p portico-tests --bin portico-bench

## openapi: regenerate infra/openapi.json from the code
openapi:
	UPDATE_OPENAPI=1 cargo test -p portico-tests --test suite consistency::the_openapi_document

## build: sam build (cargo-lambda, arm64); needs cargo-lambda and the aarch64 target
build:
	$(SAM) build --config-env $(ENV)

## deploy: check the AWS CLI, credentials and certificate; build the web apps; sam build; sam deploy with
## samconfig.toml (ENV=prod for production); publish web/dist to the stack's bucket and refresh the pages
deploy: deploy-check
	$(MAKE) web
	$(MAKE) build ENV=$(ENV)
	$(SAM) deploy --config-env $(ENV)
	infra/publish-web.sh publish $(ENV)

# Before a long build: what the publish step and the stack need, so a gap fails now rather than at the end.
deploy-check:
	infra/publish-web.sh check $(ENV)

fmt:
	cargo fmt --all

clean-data:
	rm -rf .data
