#!/usr/bin/env bash
# Rolls an environment back to an image that was deployed before: no rebuild, no new model, the
# same deploy step. The image carries the model it was built with, so this restores both.
#   scripts/rollback.sh staging|production [TAG]
# With no TAG: the release that ran before the last deploy (recorded in SSM by infra/deploy.sh).
# TAG is an earlier git commit (see `aws ecr list-images` or the CI history).
set -euo pipefail
cd "$(dirname "$0")/.."

environment="${1:-}"
tag="${2:-}"
if [ -z "$environment" ] || [ "$tag" = "local" ]; then
  echo "usage: $0 staging|production [TAG]   (TAG: an earlier deployed image tag)" >&2
  exit 2
fi
if [ -z "$tag" ]; then
  # The infrastructure step reads the recorded image; this tag only names the step's placeholder.
  ROLLBACK_TO_PREVIOUS=true IMAGE_TAG=previous-release exec scripts/deploy.sh "$environment" --skip-build
fi
IMAGE_TAG="$tag" exec scripts/deploy.sh "$environment" --skip-build
