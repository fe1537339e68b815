//! The production adapter: DynamoDB through `aws-sdk-dynamodb`. The endpoint comes from the SDK's own
//! `AWS_ENDPOINT_URL*` variables, so the same code runs against AWS and the emulator.

use std::collections::HashMap;
use std::sync::Arc;

use async_trait::async_trait;
use aws_sdk_dynamodb::Client;
use aws_sdk_dynamodb::error::{DisplayErrorContext, SdkError};
use aws_sdk_dynamodb::types::{
    AttributeValue, ConditionCheck, Delete, Put, ReturnValue, ReturnValuesOnConditionCheckFailure, TransactWriteItem,
    Update as DynamoUpdate,
};
use serde_json::{Map, Number, Value};

use super::condition::Op;
use super::cursor::Position;
use super::item::attr;
use super::{
    Condition, Cursor, Index, Item, Key, Page, Query, SortKey, StoreError, Table, Update, Write, validate_transaction, validate_update,
};
use crate::clock::Clock;

pub struct DynamoTable {
    client: Client,
    table_name: String,
    clock: Arc<dyn Clock>,
}

impl DynamoTable {
    pub fn new(sdk: &aws_config::SdkConfig, table_name: impl Into<String>, clock: Arc<dyn Clock>) -> Self {
        DynamoTable { client: Client::new(sdk), table_name: table_name.into(), clock }
    }

    fn now(&self) -> i64 {
        self.clock.now().timestamp()
    }
}

fn unavailable<E: std::error::Error + 'static, R: std::fmt::Debug>(e: SdkError<E, R>) -> StoreError {
    StoreError::Unavailable(DisplayErrorContext(e).to_string())
}

// ---- values -------------------------------------------------------------------------------------

pub(crate) fn to_attribute(value: &Value) -> AttributeValue {
    match value {
        Value::Null => AttributeValue::Null(true),
        Value::Bool(b) => AttributeValue::Bool(*b),
        Value::Number(n) => AttributeValue::N(n.to_string()),
        Value::String(s) => AttributeValue::S(s.clone()),
        Value::Array(list) => AttributeValue::L(list.iter().map(to_attribute).collect()),
        Value::Object(map) => AttributeValue::M(map.iter().map(|(k, v)| (k.clone(), to_attribute(v))).collect()),
    }
}

pub(crate) fn from_attribute(value: &AttributeValue) -> Value {
    match value {
        AttributeValue::S(s) => Value::String(s.clone()),
        AttributeValue::N(n) => n
            .parse::<i64>()
            .map(Value::from)
            .ok()
            .or_else(|| n.parse::<f64>().ok().and_then(Number::from_f64).map(Value::Number))
            .unwrap_or(Value::Null),
        AttributeValue::Bool(b) => Value::Bool(*b),
        AttributeValue::L(list) => Value::Array(list.iter().map(from_attribute).collect()),
        AttributeValue::M(map) => Value::Object(map.iter().map(|(k, v)| (k.clone(), from_attribute(v))).collect()),
        AttributeValue::Ss(set) => Value::Array(set.iter().cloned().map(Value::String).collect()),
        _ => Value::Null,
    }
}

/// Converts an item in DynamoDB's JSON (`{"S": "…"}`, `{"N": "1"}`, as streams deliver it) to plain
/// JSON values.
pub fn from_dynamodb_json(image: &Value) -> Value {
    fn value(typed: &Value) -> Value {
        let Some((kind, inner)) = typed.as_object().and_then(|o| o.iter().next()) else { return Value::Null };
        match kind.as_str() {
            "S" => inner.clone(),
            "N" => inner
                .as_str()
                .and_then(|n| {
                    n.parse::<i64>().map(Value::from).ok().or_else(|| n.parse::<f64>().ok().and_then(Number::from_f64).map(Value::Number))
                })
                .unwrap_or(Value::Null),
            "BOOL" => inner.clone(),
            "NULL" => Value::Null,
            "L" => Value::Array(inner.as_array().into_iter().flatten().map(value).collect()),
            "M" => from_dynamodb_json(inner),
            "SS" => inner.clone(),
            _ => Value::Null,
        }
    }
    Value::Object(image.as_object().into_iter().flatten().map(|(k, v)| (k.clone(), value(v))).collect())
}

fn key_map(key: &Key) -> HashMap<String, AttributeValue> {
    HashMap::from([(attr::PK.to_string(), AttributeValue::S(key.pk.clone())), (attr::SK.to_string(), AttributeValue::S(key.sk.clone()))])
}

fn item_map(item: &Item) -> HashMap<String, AttributeValue> {
    let mut map = key_map(&item.key);
    for (name, value) in &item.attrs {
        map.insert(name.clone(), to_attribute(value));
    }
    map
}

fn string_attr(map: &HashMap<String, AttributeValue>, name: &str) -> Option<String> {
    map.get(name).and_then(|v| v.as_s().ok()).cloned()
}

fn item_from(map: &HashMap<String, AttributeValue>) -> Option<Item> {
    let key = Key::new(string_attr(map, attr::PK)?, string_attr(map, attr::SK)?);
    let attrs: Map<String, Value> = map
        .iter()
        .filter(|(name, _)| name.as_str() != attr::PK && name.as_str() != attr::SK)
        .map(|(name, value)| (name.clone(), from_attribute(value)))
        .collect();
    Some(Item { key, attrs })
}

// ---- expressions --------------------------------------------------------------------------------

/// Placeholders for one request's expressions.
#[derive(Default)]
struct Expr {
    names: HashMap<String, String>,
    values: HashMap<String, AttributeValue>,
}

impl Expr {
    fn name(&mut self, name: &str) -> String {
        let next = format!("#n{}", self.names.len());
        self.names.entry(name.to_string()).or_insert(next).clone()
    }

    fn value(&mut self, value: AttributeValue) -> String {
        let placeholder = format!(":v{}", self.values.len());
        self.values.insert(placeholder.clone(), value);
        placeholder
    }

    fn condition(&mut self, condition: &Condition, now: i64) -> Option<String> {
        let rendered = match condition {
            Condition::Always => return None,
            Condition::Exists => {
                let (pk, ttl, now) = (self.name(attr::PK), self.name(attr::TTL), self.value(AttributeValue::N(now.to_string())));
                format!("(attribute_exists({pk}) AND (attribute_not_exists({ttl}) OR {ttl} > {now}))")
            }
            Condition::NotExists => {
                let (pk, ttl, now) = (self.name(attr::PK), self.name(attr::TTL), self.value(AttributeValue::N(now.to_string())));
                format!("(attribute_not_exists({pk}) OR {ttl} <= {now})")
            }
            Condition::VersionIs(version) => {
                let exists = self.condition(&Condition::Exists, now).unwrap_or_default();
                let (name, value) = (self.name(attr::VERSION), self.value(AttributeValue::N(version.to_string())));
                format!("({exists} AND {name} = {value})")
            }
            Condition::Missing(name) => format!("attribute_not_exists({})", self.name(name)),
            Condition::Compare(name, op, value) => {
                let (name, value) = (self.name(name), self.value(to_attribute(value)));
                format!("{name} {} {value}", Op::symbol(*op))
            }
            Condition::And(all) | Condition::Or(all) => {
                let joiner = if matches!(condition, Condition::And(_)) { " AND " } else { " OR " };
                let parts: Vec<String> = all.iter().filter_map(|c| self.condition(c, now)).collect();
                if parts.is_empty() {
                    return None;
                }
                format!("({})", parts.join(joiner))
            }
        };
        Some(rendered)
    }

    fn update(&mut self, update: &Update) -> String {
        let mut clauses = Vec::new();
        if !update.set.is_empty() {
            let sets: Vec<String> =
                update.set.iter().map(|(name, value)| format!("{} = {}", self.name(name), self.value(to_attribute(value)))).collect();
            clauses.push(format!("SET {}", sets.join(", ")));
        }
        if !update.add.is_empty() {
            let adds: Vec<String> = update
                .add
                .iter()
                .map(|(name, delta)| format!("{} {}", self.name(name), self.value(AttributeValue::N(delta.to_string()))))
                .collect();
            clauses.push(format!("ADD {}", adds.join(", ")));
        }
        if !update.remove.is_empty() {
            let removes: Vec<String> = update.remove.iter().map(|name| self.name(name)).collect();
            clauses.push(format!("REMOVE {}", removes.join(", ")));
        }
        clauses.join(" ")
    }

    fn names(&self) -> Option<HashMap<String, String>> {
        (!self.names.is_empty()).then(|| self.names.iter().map(|(name, p)| (p.clone(), name.clone())).collect())
    }

    fn values(&self) -> Option<HashMap<String, AttributeValue>> {
        (!self.values.is_empty()).then(|| self.values.clone())
    }
}

fn condition_failed(current: Option<&HashMap<String, AttributeValue>>, now: i64) -> StoreError {
    let current = current.and_then(item_from).filter(|item| !item.expired(now)).map(Box::new);
    StoreError::ConditionFailed { index: None, current }
}

#[async_trait]
impl Table for DynamoTable {
    async fn get(&self, key: &Key) -> Result<Option<Item>, StoreError> {
        let out = self
            .client
            .get_item()
            .table_name(&self.table_name)
            .set_key(Some(key_map(key)))
            .consistent_read(true)
            .send()
            .await
            .map_err(unavailable)?;
        let now = self.now();
        Ok(out.item().and_then(item_from).filter(|item| !item.expired(now)))
    }

    async fn get_many(&self, keys: &[Key]) -> Result<Vec<Option<Item>>, StoreError> {
        if keys.is_empty() || keys.len() > super::MAX_BATCH_GET {
            return Err(StoreError::Invalid(format!("a batch reads 1 to {} keys", super::MAX_BATCH_GET)));
        }
        let mut seen = std::collections::HashSet::new();
        let mut wanted: Vec<HashMap<String, AttributeValue>> = keys.iter().filter(|k| seen.insert((&k.pk, &k.sk))).map(key_map).collect();
        let mut found: HashMap<(String, String), Item> = HashMap::new();
        // DynamoDB may leave keys unprocessed under load; ask again for those, briefly backing off.
        for attempt in 0..8u32 {
            let request = aws_sdk_dynamodb::types::KeysAndAttributes::builder()
                .set_keys(Some(wanted.clone()))
                .consistent_read(true)
                .build()
                .map_err(|e| StoreError::Invalid(e.to_string()))?;
            let out = self.client.batch_get_item().request_items(&self.table_name, request).send().await.map_err(unavailable)?;
            let now = self.now();
            for item in out.responses().and_then(|r| r.get(&self.table_name)).into_iter().flatten().filter_map(item_from) {
                if !item.expired(now) {
                    found.insert((item.key.pk.clone(), item.key.sk.clone()), item);
                }
            }
            match out.unprocessed_keys().and_then(|u| u.get(&self.table_name)).map(|k| k.keys().to_vec()).filter(|k| !k.is_empty()) {
                Some(rest) => {
                    wanted = rest;
                    tokio::time::sleep(super::retry::backoff(attempt)).await;
                }
                None => return Ok(keys.iter().map(|k| found.get(&(k.pk.clone(), k.sk.clone())).cloned()).collect()),
            }
        }
        Err(StoreError::Unavailable("batch read left keys unprocessed".into()))
    }

    async fn put(&self, item: Item, condition: Condition) -> Result<(), StoreError> {
        super::retry::on_conflict(|| self.send_put(&item, &condition)).await
    }

    async fn update(&self, update: Update) -> Result<Item, StoreError> {
        validate_update(&update)?;
        super::retry::on_conflict(|| self.send_update(&update)).await
    }

    async fn delete(&self, key: &Key, condition: Condition) -> Result<(), StoreError> {
        super::retry::on_conflict(|| self.send_delete(key, &condition)).await
    }

    async fn query(&self, query: Query) -> Result<Page, StoreError> {
        let start = query.cursor.as_ref().map(|c| c.position(query.index, &query.partition)).transpose()?;
        let now = self.now();
        let (pk_name, sk_name) = query.index.key_names();
        let mut expr = Expr::default();
        let pk = expr.name(pk_name);
        let partition = expr.value(AttributeValue::S(query.partition.clone()));
        let key_condition = match &query.sort {
            SortKey::All => format!("{pk} = {partition}"),
            SortKey::BeginsWith(prefix) => {
                let (sk, prefix) = (expr.name(sk_name), expr.value(AttributeValue::S(prefix.clone())));
                format!("{pk} = {partition} AND begins_with({sk}, {prefix})")
            }
            SortKey::Between(low, high) => {
                let sk = expr.name(sk_name);
                let (low, high) = (expr.value(AttributeValue::S(low.clone())), expr.value(AttributeValue::S(high.clone())));
                format!("{pk} = {partition} AND {sk} BETWEEN {low} AND {high}")
            }
        };
        let ttl = expr.name(attr::TTL);
        let now_value = expr.value(AttributeValue::N(now.to_string()));
        let filter = format!("attribute_not_exists({ttl}) OR {ttl} > {now_value}");
        let exclusive_start = start.map(|position| {
            let mut key = HashMap::from([
                (attr::PK.to_string(), AttributeValue::S(position.table_pk.clone())),
                (attr::SK.to_string(), AttributeValue::S(position.table_sk.clone())),
            ]);
            if query.index != Index::Table {
                key.insert(pk_name.to_string(), AttributeValue::S(position.partition.clone()));
                key.insert(sk_name.to_string(), AttributeValue::S(position.sort.clone()));
            }
            key
        });
        let limit = i32::try_from(query.limit.clamp(1, super::MAX_PAGE)).unwrap_or(1);
        let out = self
            .client
            .query()
            .table_name(&self.table_name)
            .set_index_name(query.index.name().map(str::to_string))
            .key_condition_expression(key_condition)
            .filter_expression(filter)
            .set_expression_attribute_names(expr.names())
            .set_expression_attribute_values(expr.values())
            .scan_index_forward(query.forward)
            .consistent_read(query.index == Index::Table)
            .limit(limit)
            .set_exclusive_start_key(exclusive_start)
            .send()
            .await
            .map_err(unavailable)?;
        let items: Vec<Item> = out.items().iter().filter_map(item_from).filter(|item| !item.expired(now)).collect();
        let next = out.last_evaluated_key().and_then(|last| {
            let position = Position {
                index: 0,
                partition: query.partition.clone(),
                sort: string_attr(last, sk_name)?,
                table_pk: string_attr(last, attr::PK)?,
                table_sk: string_attr(last, attr::SK)?,
            };
            Cursor::at(query.index, position)
        });
        Ok(Page { items, next })
    }

    async fn transact(&self, writes: Vec<Write>) -> Result<(), StoreError> {
        validate_transaction(&writes)?;
        let now = self.now();
        let mut items = Vec::with_capacity(writes.len());
        for write in &writes {
            let mut expr = Expr::default();
            let built = match write {
                Write::Put { item, condition } => {
                    let condition = expr.condition(condition, now);
                    TransactWriteItem::builder()
                        .put(
                            Put::builder()
                                .table_name(&self.table_name)
                                .set_item(Some(item_map(item)))
                                .set_condition_expression(condition)
                                .set_expression_attribute_names(expr.names())
                                .set_expression_attribute_values(expr.values())
                                .return_values_on_condition_check_failure(ReturnValuesOnConditionCheckFailure::AllOld)
                                .build()
                                .map_err(|e| StoreError::Invalid(e.to_string()))?,
                        )
                        .build()
                }
                Write::Update(update) => {
                    validate_update(update)?;
                    let expression = expr.update(update);
                    let condition = expr.condition(&update.condition, now);
                    TransactWriteItem::builder()
                        .update(
                            DynamoUpdate::builder()
                                .table_name(&self.table_name)
                                .set_key(Some(key_map(&update.key)))
                                .update_expression(expression)
                                .set_condition_expression(condition)
                                .set_expression_attribute_names(expr.names())
                                .set_expression_attribute_values(expr.values())
                                .return_values_on_condition_check_failure(ReturnValuesOnConditionCheckFailure::AllOld)
                                .build()
                                .map_err(|e| StoreError::Invalid(e.to_string()))?,
                        )
                        .build()
                }
                Write::Delete { key, condition } => {
                    let condition = expr.condition(condition, now);
                    TransactWriteItem::builder()
                        .delete(
                            Delete::builder()
                                .table_name(&self.table_name)
                                .set_key(Some(key_map(key)))
                                .set_condition_expression(condition)
                                .set_expression_attribute_names(expr.names())
                                .set_expression_attribute_values(expr.values())
                                .return_values_on_condition_check_failure(ReturnValuesOnConditionCheckFailure::AllOld)
                                .build()
                                .map_err(|e| StoreError::Invalid(e.to_string()))?,
                        )
                        .build()
                }
                Write::Check { key, condition } => {
                    // DynamoDB requires a condition on a check; `Always` becomes an existence-neutral one.
                    let condition = expr
                        .condition(condition, now)
                        .unwrap_or_else(|| format!("attribute_exists({0}) OR attribute_not_exists({0})", expr.name(attr::PK)));
                    TransactWriteItem::builder()
                        .condition_check(
                            ConditionCheck::builder()
                                .table_name(&self.table_name)
                                .set_key(Some(key_map(key)))
                                .condition_expression(condition)
                                .set_expression_attribute_names(expr.names())
                                .set_expression_attribute_values(expr.values())
                                .return_values_on_condition_check_failure(ReturnValuesOnConditionCheckFailure::AllOld)
                                .build()
                                .map_err(|e| StoreError::Invalid(e.to_string()))?,
                        )
                        .build()
                }
            };
            items.push(built);
        }
        // A transaction that collides with another on the same item is cancelled without reference to
        // the data; it is sent again after a jittered pause (store::retry), so callers see it only when
        // the contention outlasts the budget.
        super::retry::on_conflict(|| self.send_transaction(items.clone(), now)).await
    }
}

// A single-item write that meets an item inside another request's transaction is refused with
// TransactionConflict, which says nothing about the data: like a conflicting transaction, it is sent again.
impl DynamoTable {
    async fn send_put(&self, item: &Item, condition: &Condition) -> Result<(), StoreError> {
        let now = self.now();
        let mut expr = Expr::default();
        let condition = expr.condition(condition, now);
        let result = self
            .client
            .put_item()
            .table_name(&self.table_name)
            .set_item(Some(item_map(item)))
            .set_condition_expression(condition)
            .set_expression_attribute_names(expr.names())
            .set_expression_attribute_values(expr.values())
            .return_values_on_condition_check_failure(ReturnValuesOnConditionCheckFailure::AllOld)
            .send()
            .await;
        match result {
            Ok(_) => Ok(()),
            Err(e) => match e.as_service_error() {
                Some(service) if service.is_conditional_check_failed_exception() => {
                    let current = match service {
                        aws_sdk_dynamodb::operation::put_item::PutItemError::ConditionalCheckFailedException(c) => c.item(),
                        _ => None,
                    };
                    Err(condition_failed(current, now))
                }
                Some(service) if service.is_transaction_conflict_exception() => Err(StoreError::Conflict),
                _ => Err(unavailable(e)),
            },
        }
    }

    async fn send_update(&self, update: &Update) -> Result<Item, StoreError> {
        let now = self.now();
        let mut expr = Expr::default();
        let expression = expr.update(update);
        let condition = expr.condition(&update.condition, now);
        let mut request = self
            .client
            .update_item()
            .table_name(&self.table_name)
            .set_key(Some(key_map(&update.key)))
            .set_condition_expression(condition)
            .return_values(ReturnValue::AllNew)
            .return_values_on_condition_check_failure(ReturnValuesOnConditionCheckFailure::AllOld);
        if !expression.is_empty() {
            request = request.update_expression(expression);
        }
        let result = request.set_expression_attribute_names(expr.names()).set_expression_attribute_values(expr.values()).send().await;
        match result {
            Ok(out) => out.attributes().and_then(item_from).ok_or_else(|| StoreError::Unavailable("update returned no item".into())),
            Err(e) => match e.as_service_error() {
                Some(aws_sdk_dynamodb::operation::update_item::UpdateItemError::ConditionalCheckFailedException(c)) => {
                    Err(condition_failed(c.item(), now))
                }
                Some(service) if service.is_transaction_conflict_exception() => Err(StoreError::Conflict),
                _ => Err(unavailable(e)),
            },
        }
    }

    async fn send_delete(&self, key: &Key, condition: &Condition) -> Result<(), StoreError> {
        let now = self.now();
        let mut expr = Expr::default();
        let condition = expr.condition(condition, now);
        let result = self
            .client
            .delete_item()
            .table_name(&self.table_name)
            .set_key(Some(key_map(key)))
            .set_condition_expression(condition)
            .set_expression_attribute_names(expr.names())
            .set_expression_attribute_values(expr.values())
            .return_values_on_condition_check_failure(ReturnValuesOnConditionCheckFailure::AllOld)
            .send()
            .await;
        match result {
            Ok(_) => Ok(()),
            Err(e) => match e.as_service_error() {
                Some(aws_sdk_dynamodb::operation::delete_item::DeleteItemError::ConditionalCheckFailedException(c)) => {
                    Err(condition_failed(c.item(), now))
                }
                Some(service) if service.is_transaction_conflict_exception() => Err(StoreError::Conflict),
                _ => Err(unavailable(e)),
            },
        }
    }
}

impl DynamoTable {
    async fn send_transaction(&self, items: Vec<TransactWriteItem>, now: i64) -> Result<(), StoreError> {
        let result = self.client.transact_write_items().set_transact_items(Some(items)).send().await;
        match result {
            Ok(_) => Ok(()),
            Err(e) => match e.as_service_error() {
                Some(aws_sdk_dynamodb::operation::transact_write_items::TransactWriteItemsError::TransactionCanceledException(c)) => {
                    let reasons = c.cancellation_reasons();
                    if let Some((index, reason)) = reasons.iter().enumerate().find(|(_, r)| r.code() == Some("ConditionalCheckFailed")) {
                        let current = reason.item().and_then(item_from).filter(|item| !item.expired(now)).map(Box::new);
                        return Err(StoreError::ConditionFailed { index: Some(index), current });
                    }
                    if reasons.iter().any(|r| r.code() == Some("TransactionConflict")) {
                        return Err(StoreError::Conflict);
                    }
                    Err(unavailable(e))
                }
                Some(aws_sdk_dynamodb::operation::transact_write_items::TransactWriteItemsError::TransactionInProgressException(_)) => {
                    Err(StoreError::Conflict)
                }
                _ => Err(unavailable(e)),
            },
        }
    }
}

/// Creates the single table with the template's key schema and indexes, if it does not exist. For the
/// emulator and tests only: in AWS the table comes from `infra/template.yaml`.
pub async fn ensure_table(sdk: &aws_config::SdkConfig, table_name: &str) -> Result<(), StoreError> {
    use aws_sdk_dynamodb::types::{
        AttributeDefinition, BillingMode, GlobalSecondaryIndex, KeySchemaElement, KeyType, Projection, ProjectionType, ScalarAttributeType,
        TimeToLiveSpecification,
    };
    let client = Client::new(sdk);
    if client.describe_table().table_name(table_name).send().await.is_ok() {
        return Ok(());
    }
    let invalid = |e: aws_sdk_dynamodb::error::BuildError| StoreError::Invalid(e.to_string());
    let key = |name: &str, kind: KeyType| KeySchemaElement::builder().attribute_name(name).key_type(kind).build().map_err(invalid);
    let attribute =
        |name: &str| AttributeDefinition::builder().attribute_name(name).attribute_type(ScalarAttributeType::S).build().map_err(invalid);
    let index = |name: &str, pk: &str, sk: &str| -> Result<GlobalSecondaryIndex, StoreError> {
        GlobalSecondaryIndex::builder()
            .index_name(name)
            .key_schema(key(pk, KeyType::Hash)?)
            .key_schema(key(sk, KeyType::Range)?)
            .projection(Projection::builder().projection_type(ProjectionType::All).build())
            .build()
            .map_err(invalid)
    };
    client
        .create_table()
        .table_name(table_name)
        .billing_mode(BillingMode::PayPerRequest)
        .key_schema(key(attr::PK, KeyType::Hash)?)
        .key_schema(key(attr::SK, KeyType::Range)?)
        .attribute_definitions(attribute(attr::PK)?)
        .attribute_definitions(attribute(attr::SK)?)
        .attribute_definitions(attribute(attr::GSI1PK)?)
        .attribute_definitions(attribute(attr::GSI1SK)?)
        .attribute_definitions(attribute(attr::GSI2PK)?)
        .attribute_definitions(attribute(attr::GSI2SK)?)
        .attribute_definitions(attribute(attr::GSI3PK)?)
        .attribute_definitions(attribute(attr::GSI3SK)?)
        .global_secondary_indexes(index("GSI1", attr::GSI1PK, attr::GSI1SK)?)
        .global_secondary_indexes(index("GSI2", attr::GSI2PK, attr::GSI2SK)?)
        .global_secondary_indexes(index("GSI3", attr::GSI3PK, attr::GSI3SK)?)
        .send()
        .await
        .map_err(unavailable)?;
    client
        .update_time_to_live()
        .table_name(table_name)
        .time_to_live_specification(TimeToLiveSpecification::builder().attribute_name(attr::TTL).enabled(true).build().map_err(invalid)?)
        .send()
        .await
        .map_err(unavailable)?;
    Ok(())
}

/// Deletes a table (per-test tables on the emulator).
pub async fn delete_table(sdk: &aws_config::SdkConfig, table_name: &str) -> Result<(), StoreError> {
    Client::new(sdk).delete_table().table_name(table_name).send().await.map_err(unavailable).map(|_| ())
}
