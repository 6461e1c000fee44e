// http-method-case through the RuleTester: a standard method in lower or mixed case, where Istio
// compares it exactly with the request's :method, is reported with a fix to upper case.
import { httpMethodCase } from '../../server/src/engine/rules/http-method-case';
import { ruleTester } from '../helpers/ruleTester';

const VS =
  'apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata:\n  name: r\nspec:\n  hosts: [r]\n';
const AP = 'apiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\nmetadata:\n  name: p\nspec:\n';
const vsMethod = (m: string) =>
  `${VS}  http:\n  - match:\n    - method:\n        ${m}\n    route:\n    - destination: {host: r}\n`;
const apMethods = (field: string, list: string) =>
  `${AP}  action: DENY\n  rules:\n  - to:\n    - operation:\n        ${field}: ${list}\n`;

ruleTester(httpMethodCase, {
  valid: [
    { name: 'upper-case exact method', yaml: vsMethod('exact: GET') },
    { name: 'a regex is left alone', yaml: vsMethod('regex: "get|post"') },
    { name: 'an extension method may be in any case', yaml: vsMethod('exact: purge') },
    {
      name: 'authorization methods in upper case, and a * pattern',
      yaml: apMethods('methods', '["GET", "*t"]'),
    },
    {
      name: 'another kind with a method field',
      yaml: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  method: get\n',
    },
  ],
  invalid: [
    {
      name: 'a lower-case exact method in a VirtualService match',
      yaml: vsMethod('exact: get'),
      errors: [
        {
          code: 'http-method-case',
          line: 10,
          message: /`get` matches no request \(clients send `GET`\)/,
          fixes: ["Change to 'GET'"],
        },
      ],
      output: vsMethod('exact: GET'),
    },
    {
      name: 'a quoted mixed-case prefix keeps its quotes',
      yaml: vsMethod('prefix: "Post"'),
      errors: [{ code: 'http-method-case', line: 10, message: /`Post`/ }],
      output: vsMethod('prefix: "POST"'),
    },
    {
      name: 'a DENY rule on a lower-case method denies nothing',
      yaml: apMethods('methods', '["GET", "delete"]'),
      errors: [{ code: 'http-method-case', line: 10, message: /`delete`.*`DELETE`/ }],
      output: apMethods('methods', '["GET", "DELETE"]'),
    },
    {
      name: 'notMethods too',
      yaml: apMethods('notMethods', '[options]'),
      errors: [{ code: 'http-method-case', line: 10, message: /`options`/ }],
      output: apMethods('notMethods', '[OPTIONS]'),
    },
  ],
});
