package aws

import (
	"regexp"
	"sync"
)

//go:generate go run gen_partitions.go

// partition is an AWS partition: a separate set of regions with its own
// credentials and endpoints (aws, aws-cn, aws-us-gov, aws-eusc, …).
type partition struct {
	id          string
	regionRegex string
	dnsSuffix   string
	// regions are the partition's regions as the SDK knows them, the list
	// used when the account's own list (ec2 DescribeRegions) is unavailable.
	regions []string
}

var compiledRegex = sync.OnceValue(func() []*regexp.Regexp {
	out := make([]*regexp.Regexp, len(sdkPartitions))
	for i, p := range sdkPartitions {
		out[i] = regexp.MustCompile(p.regionRegex)
	}
	return out
})

// partitionOf returns the partition a region belongs to: by the SDK's list
// first, then by the partition's region pattern (a region newer than our
// SDK), else the commercial partition with known=false.
func partitionOf(region string) (p partition, known bool) {
	for _, p := range sdkPartitions {
		for _, r := range p.regions {
			if r == region {
				return p, true
			}
		}
	}
	for i, re := range compiledRegex() {
		if re.MatchString(region) {
			return sdkPartitions[i], true
		}
	}
	for _, p := range sdkPartitions {
		if p.id == "aws" {
			return p, false
		}
	}
	return partition{id: "aws"}, false
}
