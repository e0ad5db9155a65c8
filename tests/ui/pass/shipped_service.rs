// A shipped service by short name, with no spec files in the crate: the newest
// version, or the one `version` names; `spec` beside it adds actions, and its
// `"overrides": true` file replaces shipped definitions.
use tcapi_runtime::{Action, Client, TcApi};

#[derive(TcApi)]
#[tcapi(service = "tcsas", actions("DescribeMNPMAUMetricCard"))]
pub struct Tcsas {
    client: Client,
}

#[derive(TcApi)]
#[tcapi(service = "clb", version = "2018-03-17", actions("DescribeLoadBalancers"))]
pub struct Clb {
    client: Client,
}

#[derive(TcApi)]
#[tcapi(service = "cvm", spec = "tests/ui/specs/cvm_plus", actions("DescribeRegions", "DescribeTcapiExtra"))]
pub struct Cvm {
    client: Client,
}

// A user's fix wins over the catalog's own overrides file (tcsas ships one for this action).
#[derive(TcApi)]
#[tcapi(service = "tcsas", spec = "tests/ui/specs/tcsas_fix.json", actions("DescribeMNPMAUMetricCard"))]
pub struct TcsasFixed {
    client: Client,
}

fn main() {
    assert_eq!(tcsas::SERVICE.host, "tcsas.intl.tencentcloudapi.com");
    assert_eq!(clb::SERVICE.version, "2018-03-17");
    assert_eq!(clb::SERVICE.host, "clb.intl.tencentcloudapi.com");
    assert_eq!(cvm::SERVICE.name, "cvm");
    let _extra = cvm::DescribeTcapiExtraRequest::default();
    let _regions: Option<cvm::DescribeRegionsResponse> = None;
    // The user's `"overrides": true` file replaced the shipped definition.
    assert_eq!(cvm::DescribeRegionsRequest::INFO.rate_limit_per_second, Some(5));
    assert_eq!(tcsas::DescribeMNPMAUMetricCardRequest::INFO.rate_limit_per_second, Some(20));
    assert_eq!(tcsas_fixed::DescribeMNPMAUMetricCardRequest::INFO.rate_limit_per_second, Some(7));
}
