// OpenShift 3 served its own kinds group-less, beside the core group (`apiVersion: v1` with
// `kind: DeploymentConfig`, `Route`, `Template`...; openshift/api keeps their legacy.go schemes so
// `oc` can still decode such files). Neither Kubernetes nor OpenShift 4 serves them there: the API
// server answers "no matches for kind", and the kind lives on in its OpenShift API group. Old
// service-mesh demos and OpenShift templates still carry them, so the finding names that group
// rather than the nearest core kind (Template is no misspelt PodTemplate, DeploymentConfig no
// ConfigMap).

/** The group-less OpenShift kinds and the API group that serves each now. */
const LEGACY_GROUP: Readonly<Record<string, string>> = {
  DeploymentConfig: 'apps.openshift.io',
  BuildConfig: 'build.openshift.io',
  Build: 'build.openshift.io',
  ImageStream: 'image.openshift.io',
  ImageStreamTag: 'image.openshift.io',
  ImageStreamImport: 'image.openshift.io',
  Route: 'route.openshift.io',
  Template: 'template.openshift.io',
  Project: 'project.openshift.io',
  ProjectRequest: 'project.openshift.io',
  SecurityContextConstraints: 'security.openshift.io',
  ClusterResourceQuota: 'quota.openshift.io',
  OAuthClient: 'oauth.openshift.io',
  User: 'user.openshift.io',
  Identity: 'user.openshift.io',
  Group: 'user.openshift.io',
};

/** The apiVersion serving a group-less OpenShift 3 kind today, when `v1` + kind is one. */
export function openshiftLegacyTarget(group: string, version: string, kind: string): string | undefined {
  if (group !== '' || version !== 'v1' || !Object.hasOwn(LEGACY_GROUP, kind)) return undefined;
  return `${LEGACY_GROUP[kind]}/v1`;
}
