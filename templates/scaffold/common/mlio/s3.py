"""S3 objects by s3:// URL. boto3 is imported only when used; credentials come from the role."""

from urllib.parse import urlparse


def parse_s3_url(url):
    """s3://bucket/key -> (bucket, key); anything else is a ValueError."""
    parsed = urlparse(url)
    if parsed.scheme != "s3" or not parsed.netloc or not parsed.path.strip("/"):
        raise ValueError(f"expected s3://bucket/key, got {url!r}")
    return parsed.netloc, parsed.path.lstrip("/")


def _client(client=None):
    if client is not None:
        return client
    import boto3

    return boto3.client("s3")


def read_bytes(url, client=None):
    bucket, key = parse_s3_url(url)
    return _client(client).get_object(Bucket=bucket, Key=key)["Body"].read()


def write_bytes(url, data, client=None):
    bucket, key = parse_s3_url(url)
    _client(client).put_object(Bucket=bucket, Key=key, Body=data)


def download_folder(url, dest, client=None):
    """Copies every object under an s3:// prefix into dest (e.g. a model folder). Returns the paths."""
    import os

    bucket, prefix = parse_s3_url(url)
    s3 = _client(client)
    written = []
    for page in s3.get_paginator("list_objects_v2").paginate(Bucket=bucket, Prefix=prefix):
        for item in page.get("Contents", []):
            rel = os.path.relpath(item["Key"], prefix)
            if rel.startswith(".."):
                continue
            target = os.path.join(dest, rel)
            os.makedirs(os.path.dirname(target), exist_ok=True)
            s3.download_file(bucket, item["Key"], target)
            written.append(target)
    return written
