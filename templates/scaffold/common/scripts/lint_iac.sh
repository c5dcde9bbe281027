#!/usr/bin/env bash
# Lints everything that describes infrastructure, with pinned tool versions (CI runs this; so can
# you, with Docker and Python): the Dockerfile (hadolint), the CI workflow (actionlint), shell
# scripts (shellcheck), CloudFormation and SAM templates (cfn-lint), and every Kubernetes overlay
# rendered with kustomize (kubeconform, strict, against the Kubernetes schemas).
# Usage: scripts/lint_iac.sh   (no arguments; Docker and python3 on PATH)
# Exit codes: 0 every linter passed; 1 one or more failed (each names its findings above).
set -euo pipefail
cd "$(dirname "$0")/.."

CFN_LINT_VERSION=1.20.1
HADOLINT_IMAGE=hadolint/hadolint:v2.12.0
ACTIONLINT_IMAGE=rhysd/actionlint:1.7.7
KUBECONFORM_IMAGE=ghcr.io/yannh/kubeconform:v0.6.7
SHELLCHECK_IMAGE=koalaman/shellcheck:v0.10.0
KUBERNETES_VERSION=1.31.0

failed=0
run() {
  echo "--- $*" >&2
  "$@" || failed=1
}

run docker run --rm -i "$HADOLINT_IMAGE" <Dockerfile
run docker run --rm -v "$PWD:/repo" -w /repo "$ACTIONLINT_IMAGE" -color
mapfile -t scripts < <(find scripts infra -name '*.sh' -type f 2>/dev/null | sort)
if [ "${#scripts[@]}" -gt 0 ]; then
  run docker run --rm -v "$PWD:/mnt" -w /mnt "$SHELLCHECK_IMAGE" -x "${scripts[@]}"
fi

mapfile -t templates < <(grep -rlE '^AWSTemplateFormatVersion' infra 2>/dev/null | sort || true)
if [ "${#templates[@]}" -gt 0 ]; then
  python3 -m pip install --quiet "cfn-lint==${CFN_LINT_VERSION}"
  run python3 -m cfnlint "${templates[@]}"
fi

if [ -d k8s/overlays ]; then
  for overlay in k8s/overlays/*/; do
    echo "--- kustomize ${overlay} | kubeconform" >&2
    if ! kubectl kustomize "$overlay" |
      docker run --rm -i "$KUBECONFORM_IMAGE" -strict -summary \
        -kubernetes-version "$KUBERNETES_VERSION" -ignore-missing-schemas -; then
      failed=1
    fi
  done
fi

exit "$failed"
