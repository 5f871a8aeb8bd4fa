module.exports = require('@backstage/cli/config/eslint-factory')(__dirname, {
  rules: {
    // refused() awaits the action and asserts the InputError and the empty workspace.
    'jest/expect-expect': [
      'warn',
      { assertFunctionNames: ['expect', 'refused'] },
    ],
  },
});
