//! The validated, merged model of one service version.

use std::collections::BTreeMap;

/// One service version: every action and object from all of its spec files.
#[derive(Debug, Clone, PartialEq)]
pub struct Service {
    /// `metadata.serviceShortName`, e.g. `tcsas`. Also the TC3 credential scope's service.
    pub short_name: String,
    /// `metadata.apiVersion`, e.g. `2025-01-06`; sent as `X-TC-Version`.
    pub api_version: String,
    /// Extension `metadata.endpoint`: the default host, e.g. `tcsas.intl.tencentcloudapi.com`.
    /// Without it the host is `<short_name>.tencentcloudapi.com`.
    pub endpoint: Option<String>,
    /// Actions by name.
    pub actions: BTreeMap<String, Action>,
    /// Objects (requests, responses and models) by name.
    pub objects: BTreeMap<String, Object>,
    /// Extension `error_codes`: the description of each error code.
    pub error_codes: BTreeMap<String, String>,
}

impl Service {
    /// The host calls go to unless the client overrides it.
    pub fn host(&self) -> String {
        match &self.endpoint {
            Some(host) => host.clone(),
            None => format!("{}.tencentcloudapi.com", self.short_name),
        }
    }

    /// The request object of an action.
    pub fn input(&self, action: &Action) -> Option<&Object> {
        self.objects.get(&action.input)
    }

    /// The response object of an action.
    pub fn output(&self, action: &Action) -> Option<&Object> {
        self.objects.get(&action.output)
    }

    /// Only the named actions, and the objects they reach. Fails with the first
    /// name that is not an action.
    pub fn subset<'a>(&self, names: impl IntoIterator<Item = &'a str>) -> Result<Service, &'a str> {
        let mut actions = BTreeMap::new();
        for name in names {
            let action = self.actions.get(name).ok_or(name)?;
            actions.insert(name.to_string(), action.clone());
        }
        let mut objects = BTreeMap::new();
        let mut stack: Vec<&str> = actions
            .values()
            .flat_map(|a| [a.input.as_str(), a.output.as_str()])
            .collect();
        while let Some(name) = stack.pop() {
            if objects.contains_key(name) {
                continue;
            }
            if let Some(object) = self.objects.get(name) {
                objects.insert(name.to_string(), object.clone());
                stack.extend(object.members.iter().filter_map(|m| m.ty.object()));
            }
        }
        Ok(Service {
            actions,
            objects,
            ..self.clone()
        })
    }

    /// Up to three action names close to `name`, closest first, for "did you mean".
    pub fn similar_actions(&self, name: &str) -> Vec<&str> {
        crate::similar::closest(name, self.actions.keys().map(String::as_str))
    }
}

/// One API action, such as `DescribeMNPMAUMetricCard`.
#[derive(Debug, Clone, PartialEq)]
pub struct Action {
    /// The wire name, sent as `X-TC-Action`.
    pub name: String,
    /// The name of the request object.
    pub input: String,
    /// The name of the response object.
    pub output: String,
    /// What the action does.
    pub document: String,
    /// The human title (`name` in api.json).
    pub title: String,
    /// `online`, `deprecated`, `offline`, or empty.
    pub status: String,
    /// Extension `error_codes`: the action's own error codes, in spec order.
    pub error_codes: Vec<String>,
    /// Extension `rate_limit_per_second`: requests per second the service allows.
    pub rate_limit_per_second: Option<u32>,
    /// Extension `idempotent`: whether a repeat is harmless, so that a failure
    /// that may have reached the service can be retried. Without it the
    /// generator decides from a `ClientToken` member or a read-only name.
    pub idempotent: Option<bool>,
    /// Extension `paging`: turns the paginator off, requires it, or names its
    /// members; without it, [`crate::paging::paging`] decides by the members.
    pub paging: Option<crate::paging::PagingExtension>,
}

/// Where an object is used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Usage {
    /// An action's request (`type: "object"`, named in `actions.*.input`).
    Request,
    /// An action's response (`type: "object"`, named in `actions.*.output`).
    Response,
    /// A model used only in requests (`usage: "in"`).
    In,
    /// A model used only in responses (`usage: "out"`).
    Out,
    /// A model used both ways (`usage: "both"`, or no usage given).
    Both,
}

/// A request, response or model object.
#[derive(Debug, Clone, PartialEq)]
pub struct Object {
    /// The wire name.
    pub name: String,
    /// What it is.
    pub document: String,
    /// Its members, in spec order.
    pub members: Vec<Member>,
    /// Where it is used.
    pub usage: Usage,
}

impl Object {
    /// A model without members carries free-form JSON (`serde_json::Value` in the
    /// generated code); a member-less request or response is still a struct.
    /// The generator and the mock's validator both ask this, so they agree.
    pub fn is_free_form(&self) -> bool {
        self.members.is_empty() && !matches!(self.usage, Usage::Request | Usage::Response)
    }
}

/// One member of an object.
#[derive(Debug, Clone, PartialEq)]
pub struct Member {
    /// The wire name.
    pub name: String,
    /// Its type.
    pub ty: MemberType,
    /// What it is.
    pub document: String,
    /// `required`: a request must carry it.
    pub required: bool,
    /// `output_required`: the server says it always returns it (not reliable).
    pub output_required: bool,
    /// `value_allowed_null`: the server may return null (not reliable).
    pub value_allowed_null: bool,
    /// `disabled`: hidden or internal; still sent and received.
    pub disabled: bool,
    /// `example`: free text, often a JSON literal; `无` means none.
    pub example: Option<String>,
}

/// A scalar wire type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scalar {
    /// `string`, `date`, `datetime`, `datetime_iso`: kept as text.
    String,
    /// `int64`.
    Int64,
    /// `uint64`.
    Uint64,
    /// `float` (64-bit).
    Float,
    /// `bool`.
    Bool,
    /// `binary`: base64 text on the wire.
    Binary,
}

/// The type of a member, from its `type` and `member` keys.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MemberType {
    /// A single scalar.
    Scalar(Scalar),
    /// A single object, by name.
    Object(String),
    /// A list of scalars.
    ScalarList(Scalar),
    /// A list of objects, by name.
    ObjectList(String),
}

impl MemberType {
    /// The object this type refers to, if any.
    pub fn object(&self) -> Option<&str> {
        match self {
            MemberType::Object(name) | MemberType::ObjectList(name) => Some(name),
            MemberType::Scalar(_) | MemberType::ScalarList(_) => None,
        }
    }
}

impl Scalar {
    /// The scalar a `member` key names, for `type` values other than object and list.
    pub fn from_member(member: &str) -> Option<Scalar> {
        Some(match member {
            "string" | "date" | "datetime" | "datetime_iso" => Scalar::String,
            "int64" => Scalar::Int64,
            "uint64" => Scalar::Uint64,
            "float" | "double" => Scalar::Float,
            "bool" => Scalar::Bool,
            "binary" => Scalar::Binary,
            _ => return None,
        })
    }
}
