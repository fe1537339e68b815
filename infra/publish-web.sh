#!/usr/bin/env bash
# The web apps' half of `make deploy`, around `sam deploy`:
#   infra/publish-web.sh check   <env>   before anything is built: the AWS CLI, credentials, and an issued
#                                        PortalCertificateArn (a wrong one fails late, in a rollback)
#   infra/publish-web.sh publish <env>   after `sam deploy`: web/dist/portal to the stack's web bucket at
#                                        /, web/dist/console under console/, then the pages refreshed
# <env> is a samconfig.toml environment (default, prod); the stack and region are read from there.
set -euo pipefail
cd "$(dirname "$0")/.."

step=${1:?usage: infra/publish-web.sh check|publish <samconfig environment>}
env=${2:-default}

if ! command -v aws >/dev/null 2>&1; then
  cat >&2 <<'EOF'
make deploy needs the AWS CLI (v2) to publish the web apps, and it is not installed.
Install it as https://docs.aws.amazon.com/cli/latest/userguide/getting-started-install.html says, e.g. on Linux:
  curl -sSfo /tmp/awscliv2.zip "https://awscli.amazonaws.com/awscli-exe-linux-$(uname -m).zip"
  (cd /tmp && unzip -q awscliv2.zip && sudo ./aws/install)
then give it credentials for the account (aws configure, or AWS_PROFILE) and run make deploy again.
EOF
  exit 1
fi

if [ ! -x .venv/bin/python ]; then
  echo "No .venv yet (it holds the SAM CLI too): run make setup first." >&2
  exit 1
fi

# One place for the stack's name, region and parameters: samconfig.toml.
setting() {
  .venv/bin/python - "$env" "$1" <<'PY'
import sys, tomllib
env, wanted = sys.argv[1], sys.argv[2]
config = tomllib.load(open("samconfig.toml", "rb"))[env]
if wanted in ("stack_name", "region"):
    print(config["global"]["parameters"][wanted])
else:
    overrides = dict(o.split("=", 1) for o in config["deploy"]["parameters"]["parameter_overrides"])
    print(overrides.get(wanted, ""))
PY
}
stack=$(setting stack_name)
region=$(setting region)

case "$step" in
  check)
    if ! aws sts get-caller-identity --region "$region" >/dev/null; then
      echo "The AWS CLI has no usable credentials: run aws configure (or set AWS_PROFILE), then make deploy again." >&2
      exit 1
    fi
    certificate=$(setting PortalCertificateArn)
    status=$(aws acm describe-certificate --region us-east-1 --certificate-arn "$certificate" \
      --query Certificate.Status --output text 2>/dev/null || true)
    if [ "$status" != "ISSUED" ]; then
      echo "PortalCertificateArn in samconfig.toml [$env] is not an issued certificate in us-east-1 (${status:-not found}):" >&2
      echo "  $certificate" >&2
      echo "Request it and validate it by DNS first (README, \"Deploy\"), then put its ARN there." >&2
      exit 1
    fi
    ;;
  publish)
    for app in portal console; do
      if [ ! -f "web/dist/$app/index.html" ]; then
        echo "web/dist/$app is not built: run make web" >&2
        exit 1
      fi
    done
    output() {
      aws cloudformation describe-stacks --region "$region" --stack-name "$stack" \
        --query "Stacks[0].Outputs[?OutputKey=='$1'].OutputValue" --output text
    }
    bucket=$(output WebBucketName)
    distribution=$(output WebDistributionId)
    immutable="public, max-age=31536000, immutable"
    # Content-hashed assets first, so no page is published before the files it names; earlier ones stay
    # (no --delete), so a page opened before this deploy can still load its own.
    aws s3 sync --region "$region" --no-progress web/dist/portal/assets "s3://$bucket/assets" --cache-control "$immutable"
    aws s3 sync --region "$region" --no-progress web/dist/console/assets "s3://$bucket/console/assets" --cache-control "$immutable"
    # Then the pages and the rest, revalidated on every use, as the local gateway serves them.
    aws s3 cp --region "$region" --no-progress --recursive web/dist/portal "s3://$bucket/" --exclude "assets/*" --cache-control no-cache
    aws s3 cp --region "$region" --no-progress --recursive web/dist/console "s3://$bucket/console/" --exclude "assets/*" --cache-control no-cache
    # How the console signs staff in: the stack's hosted sign-in and console client (ConsoleSettings).
    output ConsoleSettings | aws s3 cp --region "$region" --no-progress - "s3://$bucket/console/settings.json" \
      --content-type application/json --cache-control no-cache
    # The pages are not cached at the edge (CachingDisabled); this drops any copy a change of behaviour
    # may have left there, and costs nothing (the first 1,000 paths a month are free).
    aws cloudfront create-invalidation --distribution-id "$distribution" --paths /index.html /console/index.html \
      --query Invalidation.Id --output text >/dev/null
    echo "Published the portal and the console to s3://$bucket; pages invalidated on $distribution."
    ;;
  *)
    echo "usage: infra/publish-web.sh check|publish <samconfig environment>" >&2
    exit 2
    ;;
esac
