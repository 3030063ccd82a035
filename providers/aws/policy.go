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
// STS answers GetCallerIdentity to any credentials, even under an explicit
// deny, so no policy needs it. sts:AssumeRole is not a read: it has a
// statement of its own, for the management account of an organization
// scan, limited to roles.
var notInPolicy = map[string]bool{"s3:ListBucket": true, "sts:GetCallerIdentity": true, "sts:AssumeRole": true}

// assumeRoleStatement is the policy's second statement's Sid.
const assumeRoleStatement = "ReachmapOrganizationMembers"

// Policy returns the minimal read-only IAM policy (JSON) that lets Reachmap
// scan an account: it lists and describes the data stores it maps, and
// grants nothing that reads their contents or changes anything.
func Policy() string { return policyJSON }
