-- wrk script for bench/compare.sh: POST the seed's DescribeMNPMAUMetricCard body.
wrk.method = "POST"
wrk.body = '{"SourceMonth":202511,"MNPId":"mp1vd81ntbitj9k2","DataType":1,"MNPTeamId":9432130281,"PlatformId":"T04398WY9481762VZTT","TargetMonth":202512,"ApplicationId":"ApplicationId"}'
wrk.headers["Content-Type"] = "application/json"
