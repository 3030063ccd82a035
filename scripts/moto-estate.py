#!/usr/bin/env python3
"""Seed a small business's AWS estate into a moto server, for the smoke test
of a real scan from the window (scripts/smoke.sh).

    scripts/moto-estate.py http://127.0.0.1:PORT PROFILE EXPECT.txt

Writes EXPECT.txt with one line per data store the scan must find,
"provider account kind name region country category", which
`smokecheck items` compares with what the window lists. The scan names the
account by the AWS profile it was reached through; the category is the
reach seen from the window's default home, the EU: AWS is a US company, so
its EU regions are home+foreign and the others foreign. Only the URL given
is contacted.
"""
import sys

import boto3

ACCESS, SECRET = "AKIAMOTOTEST00000001", "moto-secret"

# Buckets on five continents: the map check wants at least five discs of a
# single item, and the stores sharing eu-west-1 and eu-central-1 are drawn
# as clusters.
BUCKETS = [
    ("acme-invoices", "eu-west-1", "IE home+foreign"),
    ("acme-plans", "eu-central-1", "DE home+foreign"),
    ("acme-old-site", "us-east-1", "US foreign"),
    ("acme-photos", "ap-southeast-2", "AU foreign"),
    ("acme-video", "us-west-2", "US foreign"),
    ("acme-tokyo-shop", "ap-northeast-1", "JP foreign"),
    ("acme-brasil", "sa-east-1", "BR foreign"),
]
TABLE = ("acme-orders", "eu-west-1", "IE home+foreign")


def client(url, service, region):
    return boto3.client(service, endpoint_url=url, region_name=region,
                        aws_access_key_id=ACCESS, aws_secret_access_key=SECRET)


def main(url, account, expect_path):
    lines = []
    for name, region, where in BUCKETS:
        s3 = client(url, "s3", region)
        # us-east-1 is the one region S3 refuses a LocationConstraint for.
        if region == "us-east-1":
            s3.create_bucket(Bucket=name)
        else:
            s3.create_bucket(Bucket=name, CreateBucketConfiguration={"LocationConstraint": region})
        lines.append(f"aws {account} bucket {name} {region} {where}")

    name, region, where = TABLE
    client(url, "dynamodb", region).create_table(
        TableName=name, BillingMode="PAY_PER_REQUEST",
        AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}],
        KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}])
    lines.append(f"aws {account} database {name} {region} {where}")

    # A volume's name is its generated id, known only now.
    vol = client(url, "ec2", "eu-central-1").create_volume(AvailabilityZone="eu-central-1a", Size=8)
    lines.append(f"aws {account} volume {vol['VolumeId']} eu-central-1 DE home+foreign")

    with open(expect_path, "w") as f:
        f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit("usage: moto-estate.py MOTO_URL PROFILE EXPECT.txt")
    main(*sys.argv[1:])
