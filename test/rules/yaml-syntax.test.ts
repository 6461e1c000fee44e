// yaml-syntax through the RuleTester: the parser's errors, at the character that causes them.
import { yamlSyntax } from '../../server/src/engine/rules/yaml-syntax';
import { ruleTester } from '../helpers/ruleTester';

const HEAD = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n';

ruleTester(yamlSyntax, {
  valid: [
    { name: 'valid', yaml: HEAD + 'data:\n  a: "1"\n' },
    // Not a list of objects: plain mappings; a broken template.
    { name: 'a list of mappings that are not objects', yaml: '- name: a\n  value: 1\n- name: b\n' },
    { name: 'a broken template', yaml: 'apiVersion: v1\n kind: {{ .Values.kind }}\n' },
  ],
  invalid: [
    {
      // A merge left unresolved: the parser trips on each marker line; one finding says what it is.
      name: 'a merge conflict left in the file',
      yaml:
        HEAD +
        'data:\n<<<<<<< HEAD\n  image: app:1.0\n=======\n  image: app:1.1\n>>>>>>> release\n  mode: on\n',
      errors: [
        {
          code: 'yaml-syntax',
          line: 6,
          column: 1,
          covers: '<<<<<<< HEAD',
          message:
            'Unresolved merge conflict ("<<<<<<< HEAD"): keep one side and delete the conflict markers',
        },
      ],
    },
    {
      name: 'tab indentation',
      yaml: HEAD + 'data:\n\ta: "1"\n',
      errors: [{ code: 'yaml-syntax', line: 6, column: 1, message: /Tabs are not allowed/ }],
    },
    {
      name: 'bad indentation',
      yaml: HEAD + 'data:\n    a: "1"\n  b: "2"\n',
      errors: [{ code: 'yaml-syntax', line: 7, column: 3, message: /indent|column|mapping/i }],
    },
    {
      // The parser says two things about this spot (nested mapping in a compact one, implicit key on two
      // lines): one mistake, one error, its first message. A broken line further down is its own.
      name: 'two messages on one broken line are one error',
      yaml:
        HEAD +
        'spec:\n  rules:\n  - backend:\n      service:\n        name: gw\n          port:\n            number: 1\n',
      errors: [{ code: 'yaml-syntax', line: 9, message: /Nested mappings/ }],
    },
    {
      name: 'errors on different lines are each reported',
      yaml: HEAD + 'data:\n\ta: "1"\n  b: "2"\n\tc: "3"\n',
      errors: [
        { code: 'yaml-syntax', line: 6, message: /Tabs are not allowed/ },
        { code: 'yaml-syntax', line: 7, message: /same column/ },
        { code: 'yaml-syntax', line: 8, message: /Tabs are not allowed/ },
      ],
    },
    {
      name: 'unclosed flow sequence',
      yaml: HEAD + 'data: [a, b\n',
      errors: [{ code: 'yaml-syntax', line: 5, column: 7, message: /flow|]/ }],
    },
    {
      name: 'unclosed flow mapping',
      yaml: HEAD + 'data: {a: 1\n',
      errors: [{ code: 'yaml-syntax', line: 5, column: 7, message: /flow|}/ }],
    },
    {
      name: 'indentation slip on the line of kind: the file is still checked (kubectl rejects it)',
      yaml: 'apiVersion: networking.istio.io/v1\n kind: Gateway\nmetadata:\n  name: gw\n',
      errors: [{ code: 'yaml-syntax', line: 1, message: /Nested mappings/ }],
    },
    {
      name: 'a list of objects at the top of a document: kubectl reads one object per document',
      yaml: '- apiVersion: v1\n  kind: ConfigMap\n  metadata: {name: a}\n- apiVersion: v1\n  kind: ConfigMap\n  metadata: {name: b}\n',
      errors: [
        { code: 'yaml-syntax', line: 1, column: 3, message: /list of 2 Kubernetes objects.*kind: List/ },
      ],
    },
    {
      name: 'unterminated quote',
      yaml: HEAD + 'data:\n  a: "open\n',
      errors: [{ code: 'yaml-syntax', line: 6, column: 6, message: /quote|Missing closing/i }],
    },
  ],
});
