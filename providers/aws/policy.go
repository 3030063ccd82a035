package aws

import _ "embed"

// policyJSON is the minimal IAM policy for a Reachmap scan. docs/aws-policy.json
// is the same file for people reading the repository; a test keeps them
// identical and equal to the actions the scan really calls.
//
//go:embed policy.json
var policyJSON string

// notInPolicy are actions of operations Reachmap may call that the minimal
// policy deliberately leaves out. HeadBucket is authorised by s3:ListBucket,
// which would also let the holder list every object key; S3 returns the
// x-amz-bucket-region header Reachmap reads even when it answers 403, so the
// region lookup works without it.
var notInPolicy = map[string]bool{"s3:ListBucket": true}

// Policy returns the minimal read-only IAM policy (JSON) that lets Reachmap
// scan an account: it lists and describes the data stores it maps, and
// grants nothing that reads their contents or changes anything.
func Policy() string { return policyJSON }
