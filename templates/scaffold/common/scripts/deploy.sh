#!/usr/bin/env bash
# Deploys to an environment: builds and pushes the image to ECR (tagged with the git commit), then
# runs the option's own step in infra/deploy.sh with IMAGE_URI and ENVIRONMENT set.
#   scripts/deploy.sh staging|production [--skip-build]
# Credentials come from the environment (CI assumes a role through OIDC); none are stored here.
set -euo pipefail
cd "$(dirname "$0")/.."

environment="${1:-}"
case "$environment" in
  staging | production) ;;
  *) echo "usage: $0 staging|production [--skip-build]" >&2; exit 2 ;;
esac
skip_build="${2:-}"

region="${AWS_REGION:-$(sed -n 's/^region: *"\{0,1\}\([a-z0-9-]*\)"\{0,1\}$/\1/p' "config/${environment}.yaml" | head -n 1)}"
image_name="$(sed -n 's/^image: *"\{0,1\}\([a-z0-9-]*\)"\{0,1\}$/\1/p' "config/${environment}.yaml" | head -n 1)"
tag="${IMAGE_TAG:-$(git rev-parse --short=12 HEAD)}"
account="$(aws sts get-caller-identity --query Account --output text)"
registry="${account}.dkr.ecr.${region}.amazonaws.com"
export IMAGE_URI="${registry}/${image_name}:${tag}"
export ENVIRONMENT="$environment"
export AWS_REGION="$region"

if [ "$skip_build" != "--skip-build" ]; then
  aws ecr describe-repositories --repository-names "$image_name" >/dev/null 2>&1 ||
    aws ecr create-repository --repository-name "$image_name" --image-scanning-configuration scanOnPush=true >/dev/null
  aws ecr get-login-password | docker login --username AWS --password-stdin "$registry"
  docker build -t "$IMAGE_URI" .
  docker push "$IMAGE_URI"
fi

if [ -x infra/deploy.sh ]; then
  exec infra/deploy.sh "$environment"
fi
echo "pushed ${IMAGE_URI}; the infrastructure step is described in README.md (Deploy)." >&2
