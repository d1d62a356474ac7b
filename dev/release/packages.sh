# The published packages, in dependency order (each after the packages it depends on).
# Sourced by pack.sh; check-packages.mjs verifies the order.
RELEASE_PACKAGES=(
  plugins/kratix-common
  plugins/kratix-node
  plugins/kratix-backend
  plugins/catalog-backend-module-kratix
  plugins/scaffolder-backend-module-kratix
  plugins/kratix
)
