#!/usr/bin/env python3
"""Call the tcapi mock server with Tencent Cloud's official Python SDK.

Usage:
    sdk_check.py --endpoint 127.0.0.1:PORT --secret-id ID --secret-key KEY
                 [--expect-error CODE | --examples FILE | --plan FILE --answers FILE]

Every call goes through tencentcloud.common.common_client.CommonClient.call_json
over plain http with TC3-HMAC-SHA256 signing.

Without a mode: calls tcsas / 2025-01-06 / DescribeMNPMAUMetricCard; the call
must succeed and return Response.Data with ComparisonRatio, ComparisonResult,
SourceMAUNum, TargetMAUNum, FlushTime and a Response.RequestId.
With --expect-error CODE: that call must raise TencentCloudSDKException whose
code equals CODE.
With --examples FILE (an official tcsas *.examples.json): calls every action
with the input of each of its examples; every call must be answered.
With --plan FILE: FILE is a JSON list of calls, {"service", "version",
"action", "body"}; each is made with a CommonClient of its own service and
version, and must be answered with a Response that has a RequestId and no
Error. The answers are written to the --answers file as a JSON list of
{"service", "version", "action", "response"}.
Exit status 0 on success of the check, 1 otherwise.
"""
import argparse
import json
import sys

from tencentcloud.common import credential
from tencentcloud.common.common_client import CommonClient
from tencentcloud.common.exception.tencent_cloud_sdk_exception import (
    TencentCloudSDKException,
)
from tencentcloud.common.profile.client_profile import ClientProfile
from tencentcloud.common.profile.http_profile import HttpProfile

SERVICE = "tcsas"
VERSION = "2025-01-06"
REGION = "ap-singapore"
ACTION = "DescribeMNPMAUMetricCard"
DATA_FIELDS = (
    "ComparisonRatio",
    "ComparisonResult",
    "SourceMAUNum",
    "TargetMAUNum",
    "FlushTime",
)
BODY = {
    "SourceMonth": 202511,
    "MNPId": "mp1vd81ntbitj9k2",
    "DataType": 1,
    "MNPTeamId": 9432130281,
    "PlatformId": "T04398WY9481762VZTT",
    "TargetMonth": 202512,
    "ApplicationId": "ApplicationId",
}


def fail(msg):
    print("FAIL: %s" % msg, file=sys.stderr)
    sys.exit(1)


def make_client(endpoint, secret_id, secret_key, service=SERVICE, version=VERSION):
    cred = credential.Credential(secret_id, secret_key)
    # protocol="http" sets HttpProfile.scheme = "http"; AbstractClient then
    # builds ApiRequest(is_http=True), which prefixes "http://" to the bare
    # host:port endpoint. The endpoint (with port) is also the signed Host.
    http_profile = HttpProfile(
        protocol="http",
        endpoint=endpoint,
        reqMethod="POST",
        reqTimeout=10,
    )
    # disable_region_breaker: never fail over to a backup (real Tencent) endpoint.
    client_profile = ClientProfile(
        signMethod="TC3-HMAC-SHA256",
        httpProfile=http_profile,
        disable_region_breaker=True,
    )
    return CommonClient(service, version, cred, REGION, profile=client_profile)


def example_body(raw_http):
    """The JSON body of an example's raw HTTP request: what follows the blank line."""
    head, sep, body = raw_http.partition("\n\n")
    if not sep:
        return None
    try:
        value = json.loads(body)
    except ValueError:
        return None
    return value if isinstance(value, dict) else None


def call_every_example(client, path):
    """call_json every action of the examples file with each example input.

    Every call must be answered with a Response that has a RequestId and no
    Error. Inputs that are not JSON objects are counted and skipped.
    """
    with open(path, encoding="utf-8") as f:
        examples = json.load(f)["actions"]
    ok, skipped, failures = 0, 0, []
    for action in sorted(examples):
        for example in examples[action]:
            body = example_body(example.get("input", ""))
            if body is None:
                skipped += 1
                continue
            try:
                resp = client.call_json(action, body)
            except Exception as e:  # the SDK raises TencentCloudSDKException for service errors
                failures.append("%s: %s" % (action, e))
                continue
            problem = answer_problem(resp)
            if problem is not None:
                failures.append("%s: %s" % (action, problem))
                continue
            ok += 1
    print("examples: %d actions, %d calls answered, %d inputs skipped (not JSON), %d failed"
          % (len(examples), ok, skipped, len(failures)))
    for failure in failures:
        print("FAIL: %s" % failure, file=sys.stderr)
    return 1 if failures else 0


def answer_problem(resp):
    """Why a call_json result is not a success envelope, or None if it is one."""
    r = resp.get("Response") if isinstance(resp, dict) else None
    if not isinstance(r, dict):
        return "no Response object: %r" % (resp,)
    if "Error" in r:
        return "Response.Error: %r" % (r["Error"],)
    request_id = r.get("RequestId")
    if not isinstance(request_id, str) or not request_id:
        return "Response.RequestId missing or empty: %r" % (request_id,)
    return None


def call_plan(endpoint, secret_id, secret_key, plan_path, answers_path):
    """Make every call of the plan, each with a CommonClient of its service version."""
    with open(plan_path, encoding="utf-8") as f:
        plan = json.load(f)
    answers, failures = [], []
    for call in plan:
        label = "%s %s %s" % (call["service"], call["version"], call["action"])
        client = make_client(endpoint, secret_id, secret_key, call["service"], call["version"])
        try:
            resp = client.call_json(call["action"], call["body"])
        except Exception as e:  # TencentCloudSDKException for service errors, others for transport
            failures.append("%s: %s: %s" % (label, type(e).__name__, e))
            continue
        problem = answer_problem(resp)
        if problem is not None:
            failures.append("%s: %s" % (label, problem))
            continue
        answers.append({
            "service": call["service"],
            "version": call["version"],
            "action": call["action"],
            "response": resp,
        })
    with open(answers_path, "w", encoding="utf-8") as f:
        json.dump(answers, f)
    print("plan: %d calls, %d answered, %d failed" % (len(plan), len(answers), len(failures)))
    for failure in failures:
        print("FAIL: %s" % failure, file=sys.stderr)
    return 1 if failures else 0


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--endpoint", required=True, help="host:port of the mock server")
    ap.add_argument("--secret-id", required=True)
    ap.add_argument("--secret-key", required=True)
    ap.add_argument("--expect-error", metavar="CODE", default=None)
    ap.add_argument(
        "--examples",
        metavar="FILE",
        default=None,
        help="an official *.examples.json: call every action with each example's input",
    )
    ap.add_argument(
        "--plan",
        metavar="FILE",
        default=None,
        help="a JSON list of {service, version, action, body}: make each call",
    )
    ap.add_argument("--answers", metavar="FILE", default=None, help="where --plan writes the answers")
    args = ap.parse_args()

    if args.plan:
        if not args.answers:
            ap.error("--plan needs --answers")
        return call_plan(args.endpoint, args.secret_id, args.secret_key, args.plan, args.answers)
    client = make_client(args.endpoint, args.secret_id, args.secret_key)
    if args.examples:
        return call_every_example(client, args.examples)
    label = "%s.%s via http://%s" % (SERVICE, ACTION, args.endpoint)

    try:
        resp = client.call_json(ACTION, dict(BODY))
    except TencentCloudSDKException as e:
        code, message, request_id = e.get_code(), e.get_message(), e.get_request_id()
        print("code=%s" % code)
        print("message=%s" % message)
        print("requestId=%s" % request_id)
        if args.expect_error is None:
            fail("%s raised TencentCloudSDKException unexpectedly: %s" % (label, e))
        if code != args.expect_error:
            fail("%s raised error code %r, expected %r" % (label, code, args.expect_error))
        print("OK: %s failed as expected with %s" % (label, code))
        return 0
    except Exception as e:  # transport errors etc.
        fail("%s raised %s: %s" % (label, type(e).__name__, e))

    print(json.dumps(resp, indent=2, sort_keys=True))
    if args.expect_error is not None:
        fail("%s succeeded but error %r was expected" % (label, args.expect_error))
    if not isinstance(resp, dict) or not isinstance(resp.get("Response"), dict):
        fail("response has no Response object")
    r = resp["Response"]
    if "Error" in r:
        fail("response carries Response.Error but the SDK did not raise: %r" % (r["Error"],))
    data = r.get("Data")
    if not isinstance(data, dict):
        fail("Response.Data missing or not an object: %r" % (data,))
    missing = [f for f in DATA_FIELDS if f not in data]
    if missing:
        fail("Response.Data lacks fields %s" % ", ".join(missing))
    request_id = r.get("RequestId")
    if not isinstance(request_id, str) or not request_id:
        fail("Response.RequestId missing or empty: %r" % (request_id,))
    for f in DATA_FIELDS:
        print("%s=%r" % (f, data[f]))
    print("RequestId=%s" % request_id)
    print("OK: %s returned Data and RequestId" % label)
    return 0


if __name__ == "__main__":
    sys.exit(main())
