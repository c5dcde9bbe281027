"""Invokes the Lambda handler once, locally, with a request file: what API Gateway would send.

Usage: [MODEL_PATH=model] python3 scripts/invoke_handler.py [REQUEST_FILE]
    (default tests/sample_request.json; the handler's response is printed as JSON)

Exit codes: 0 the handler answered 200; 1 any other status, or an error loading the model or
reading REQUEST_FILE."""

import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from app.handler import handler  # noqa: E402


def main(argv):
    path = argv[1] if len(argv) > 1 else "tests/sample_request.json"
    with open(path, encoding="utf-8") as f:
        body = f.read()
    response = handler({"version": "2.0", "body": body, "isBase64Encoded": False}, None)
    print(json.dumps(response, indent=2))
    return 0 if response["statusCode"] == 200 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
