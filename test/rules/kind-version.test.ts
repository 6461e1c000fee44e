// unknown-kind, kind-wrong-group, unserved-version, deprecated-version, through the RuleTester.
import { Severity } from '../../server/src/engine/model/diagnostic';
import { unknownKind } from '../../server/src/engine/rules/unknown-kind';
import { kindWrongGroup } from '../../server/src/engine/rules/kind-wrong-group';
import { unservedVersion } from '../../server/src/engine/rules/unserved-version';
import { deprecatedVersion } from '../../server/src/engine/rules/deprecated-version';
import { ruleTester } from '../helpers/ruleTester';

const doc = (apiVersion: string, kind: string) =>
  `apiVersion: ${apiVersion}\nkind: ${kind}\nmetadata:\n  name: x\n`;
const change = (to: string) => `Change to '${to}'`;

ruleTester([unknownKind, kindWrongGroup, unservedVersion, deprecatedVersion], {
  valid: [
    { name: 'a valid Istio kind', yaml: doc('networking.istio.io/v1', 'VirtualService') },
    { name: 'a valid core kind', yaml: doc('v1', 'ConfigMap') },
    { name: 'kubectl List wrapper', yaml: doc('v1', 'List') },
    {
      name: 'a kubeconfig is client-go configuration, not an API kind',
      yaml: 'apiVersion: v1\nkind: Config\ncurrent-context: kind\nclusters:\n- name: kind\n  cluster: {server: https://127.0.0.1:6443}\n',
    },
    { name: 'a valid Gateway API kind', yaml: doc('gateway.networking.k8s.io/v1', 'HTTPRoute') },
    {
      name: 'EnvoyFilter has only v1alpha3: nothing to move to',
      yaml: doc('networking.istio.io/v1alpha3', 'EnvoyFilter'),
    },
  ],
  invalid: [
    {
      name: 'kind typo',
      yaml: doc('networking.istio.io/v1', 'VirtualSevice'),
      errors: [
        {
          code: 'unknown-kind',
          line: 2,
          severity: Severity.Error,
          message: /Unknown kind VirtualSevice in networking\.istio\.io\/v1; did you mean VirtualService\?/,
          fixes: [change('VirtualService')],
          covers: 'VirtualSevice',
        },
      ],
      output: doc('networking.istio.io/v1', 'VirtualService'),
    },
    {
      name: 'kind case',
      yaml: doc('apps/v1', 'deployment'),
      errors: [
        {
          code: 'unknown-kind',
          severity: Severity.Error,
          message: /did you mean Deployment\?/,
          fixes: [change('Deployment')],
          covers: 'deployment',
        },
      ],
      output: doc('apps/v1', 'Deployment'),
    },
    {
      name: 'made-up kind lists the group',
      yaml: doc('networking.istio.io/v1alpha3', 'IstioProxy'),
      errors: [
        {
          code: 'unknown-kind',
          severity: Severity.Error,
          message: /networking\.istio\.io has: DestinationRule, EnvoyFilter, Gateway/,
          covers: 'IstioProxy',
        },
      ],
    },
    {
      name: 'unknown third-party group is only noted',
      yaml: doc('cert-manager.io/v1', 'Certificate'),
      errors: [
        {
          code: 'unknown-kind',
          severity: Severity.Information,
          message: /no schema for the API group cert-manager\.io/,
          covers: 'Certificate',
          fixes: [],
        },
      ],
      output: null,
    },
    {
      name: 'Telemetry in networking',
      yaml: doc('networking.istio.io/v1', 'Telemetry'),
      errors: [
        {
          code: 'kind-wrong-group',
          line: 1,
          column: 13,
          severity: Severity.Error,
          message: /^Telemetry is served by telemetry\.istio\.io\/v1, not networking\.istio\.io/,
          fixes: [change('telemetry.istio.io/v1')],
          covers: 'networking.istio.io/v1',
        },
      ],
      output: doc('telemetry.istio.io/v1', 'Telemetry'),
    },
    {
      name: 'Deployment in core',
      yaml: doc('v1', 'Deployment'),
      errors: [
        {
          code: 'kind-wrong-group',
          severity: Severity.Error,
          message: /^Deployment is served by apps\/v1, not the core group/,
          fixes: [change('apps/v1')],
          covers: 'v1',
        },
      ],
      output: doc('apps/v1', 'Deployment'),
    },
    {
      // OpenShift 3's group-less kinds: no core kind is meant (Template is no misspelt PodTemplate),
      // and the fix is the OpenShift group that serves the kind now.
      name: 'an OpenShift 3 group-less Template',
      yaml: doc('v1', 'Template'),
      errors: [
        {
          code: 'kind-wrong-group',
          severity: Severity.Error,
          message:
            /^Template is served by template\.openshift\.io\/v1: `v1` Template is OpenShift 3's group-less API/,
          fixes: [change('template.openshift.io/v1')],
          covers: 'v1',
        },
      ],
      output: doc('template.openshift.io/v1', 'Template'),
    },
    {
      name: 'an OpenShift 3 group-less DeploymentConfig is not a misspelt ConfigMap',
      yaml: doc('v1', 'DeploymentConfig'),
      errors: [
        {
          code: 'kind-wrong-group',
          message: /^DeploymentConfig is served by apps\.openshift\.io\/v1/,
          fixes: [change('apps.openshift.io/v1')],
        },
      ],
      output: doc('apps.openshift.io/v1', 'DeploymentConfig'),
    },
    {
      name: 'removed extensions group',
      yaml: doc('extensions/v1beta1', 'Ingress'),
      errors: [
        {
          code: 'kind-wrong-group',
          severity: Severity.Error,
          message:
            /^Ingress is served by networking\.k8s\.io\/v1: extensions\/v1beta1 Ingress was removed in Kubernetes 1\.22$/,
          fixes: [change('networking.k8s.io/v1')],
          covers: 'extensions/v1beta1',
        },
      ],
      output: doc('networking.k8s.io/v1', 'Ingress'),
    },
    {
      name: 'group typo',
      yaml: doc('networking.istoi.io/v1', 'Gateway'),
      errors: [
        {
          code: 'kind-wrong-group',
          severity: Severity.Error,
          message: /^Gateway is served by .*networking\.istio\.io\/v1/,
          covers: 'networking.istoi.io/v1',
        },
      ],
    },
    {
      name: 'version never served',
      yaml: doc('apps/v1beta2', 'Deployment'),
      errors: [
        {
          code: 'unserved-version',
          severity: Severity.Error,
          message: /^apps\/v1beta2 Deployment was removed in Kubernetes 1\.16; use `apps\/v1`/,
          fixes: [change('apps/v1')],
          covers: 'apps/v1beta2',
        },
      ],
      output: doc('apps/v1', 'Deployment'),
    },
    {
      name: 'Istio version not served',
      yaml: doc('networking.istio.io/v2', 'Sidecar'),
      errors: [
        {
          code: 'unserved-version',
          severity: Severity.Error,
          message: /use `networking\.istio\.io\/v1` or/,
          fixes: [change('networking.istio.io/v1')],
          covers: 'networking.istio.io/v2',
        },
      ],
      output: doc('networking.istio.io/v1', 'Sidecar'),
    },
    {
      name: 'Istio pre-release superseded by v1',
      yaml: doc('networking.istio.io/v1alpha3', 'DestinationRule'),
      errors: [
        {
          code: 'deprecated-version',
          severity: Severity.Information,
          message:
            /v1alpha3 is a pre-release version of DestinationRule; networking\.istio\.io\/v1 is the stable version/,
          fixes: [change('networking.istio.io/v1')],
          covers: 'networking.istio.io/v1alpha3',
        },
      ],
      output: doc('networking.istio.io/v1', 'DestinationRule'),
    },
    {
      // The API server's warning for a kind deprecated whole (its Go type's prerelease-lifecycle tag).
      name: 'Kubernetes deprecated kind',
      yaml: doc('v1', 'Endpoints'),
      errors: [
        {
          code: 'deprecated-version',
          severity: Severity.Information,
          message: 'v1 Endpoints is deprecated in v1.33+; use discovery.k8s.io/v1 EndpointSlice',
          fixes: [],
          covers: 'v1',
        },
      ],
      output: null,
    },
    {
      name: 'Gateway API deprecated version',
      yaml: doc('gateway.networking.k8s.io/v1alpha2', 'TLSRoute'),
      errors: [
        {
          code: 'deprecated-version',
          severity: Severity.Information,
          message:
            /TLSRoute is deprecated: The v1alpha2 version of TLSRoute has been deprecated.*; use gateway\.networking\.k8s\.io\/v1/,
          fixes: [change('gateway.networking.k8s.io/v1')],
          covers: 'gateway.networking.k8s.io/v1alpha2',
        },
      ],
      output: doc('gateway.networking.k8s.io/v1', 'TLSRoute'),
    },
  ],
});
