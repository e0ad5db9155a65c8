//! Which actions may be sent again after a failure that may have reached the
//! service: the generator's half of the README's one retry rule.

use tcapi_spec::{Action, Service};

/// Name prefixes of actions that only read. The runtime keeps the same list
/// for `call_json`, which has no spec; a test in `tests/` keeps them equal.
pub const READ_ONLY_PREFIXES: &[&str] = &["Describe", "Get", "List", "Query", "Inquire", "Inquiry", "Check"];

/// Whether an action's name says it only reads.
pub fn reads_only(action: &str) -> bool {
    READ_ONLY_PREFIXES.iter().any(|prefix| action.starts_with(prefix))
}

/// Whether the request has a `ClientToken` member, which the runtime fills in
/// once per call so that every attempt carries the same token.
pub fn has_client_token(service: &Service, action: &Action) -> bool {
    service
        .input(action)
        .is_some_and(|input| input.members.iter().any(|m| m.name == "ClientToken"))
}

/// Whether a repeat is harmless: the spec's `idempotent` extension when it
/// says, else a `ClientToken` member or a read-only name.
pub fn is_idempotent(service: &Service, action: &Action) -> bool {
    action
        .idempotent
        .unwrap_or_else(|| has_client_token(service, action) || reads_only(&action.name))
}

#[cfg(test)]
mod tests {
    use super::reads_only;

    #[test]
    fn read_only_names() {
        for name in [
            "DescribeInstances",
            "GetX",
            "ListY",
            "QueryZ",
            "InquirePrice",
            "InquiryPrice",
            "CheckIt",
        ] {
            assert!(reads_only(name), "{name}");
        }
        for name in ["RunInstances", "CreateX", "ModifyY", "DeleteZ", "describeLower"] {
            assert!(!reads_only(name), "{name}");
        }
    }
}
