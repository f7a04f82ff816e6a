#!/usr/bin/env python3
"""moto's S3 server on 127.0.0.1 (an ephemeral port) for mlepkg's mirror tests, with SigV4 enforced.

Creates bucket --bucket and an IAM user allowed s3:* with an access key while requests are still let through
unauthenticated, then enforces authentication: every later request must carry a valid AWS
Signature Version 4 made with that key. Prints "PORT <n> <key id> <secret>" once listening,
stops after --lifetime seconds.
"""
import argparse
import os
import sys
import time

# The first four actions (bucket, user, policy, key) pass unsigned; everything after must be signed.
os.environ["INITIAL_NO_AUTH_ACTION_COUNT"] = "4"

import boto3  # noqa: E402
from moto.server import ThreadedMotoServer  # noqa: E402


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bucket", required=True)
    parser.add_argument("--lifetime", type=int, default=300)
    args = parser.parse_args()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    port = server._server.server_port
    endpoint = "http://127.0.0.1:%d" % port
    common = dict(endpoint_url=endpoint, region_name="us-east-1", aws_access_key_id="bootstrap", aws_secret_access_key="bootstrap")
    boto3.client("s3", **common).create_bucket(Bucket=args.bucket)
    iam = boto3.client("iam", **common)
    iam.create_user(UserName="lab")
    policy = '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]}'
    iam.put_user_policy(UserName="lab", PolicyName="mirror", PolicyDocument=policy)
    key = iam.create_access_key(UserName="lab")["AccessKey"]
    print("PORT %d %s %s" % (port, key["AccessKeyId"], key["SecretAccessKey"]), flush=True)
    time.sleep(args.lifetime)
    server.stop()


if __name__ == "__main__":
    sys.exit(main())
