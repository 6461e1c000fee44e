// yaml-syntax through the RuleTester: the parser's errors, at the character that causes them.
import { yamlSyntax } from '../../server/src/engine/rules/yaml-syntax';
import { ruleTester } from '../helpers/ruleTester';

const HEAD = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n';

ruleTester(yamlSyntax, {
  valid: [{ name: 'valid', yaml: HEAD + 'data:\n  a: "1"\n' }],
  invalid: [
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
      name: 'unterminated quote',
      yaml: HEAD + 'data:\n  a: "open\n',
      errors: [{ code: 'yaml-syntax', line: 6, column: 6, message: /quote|Missing closing/i }],
    },
  ],
});
