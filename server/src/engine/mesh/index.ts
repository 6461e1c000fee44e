// Istio's mesh configuration: built-in defaults, layering, and ProxyConfig's protojson form.
// One module, used by workspace analysis and by injection.
export { defaultMeshConfig, defaultProxyConfig } from './defaults';
export { applyMeshConfig, applyProxyConfig } from './apply';
export { rootNamespaceOf } from './rootNamespace';
export { PROXY_CONFIG_FIELDS, protoDuration, readMessage, writeMessage } from './proxyConfig';
export { isMap, type JsonMap } from './json';
