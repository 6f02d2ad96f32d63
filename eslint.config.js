import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const CODEGEN = {
  group: ['**/codegen/*', '**/codegen/**'],
  message: 'src/ must not import codegen/ (build time only).',
};
const GENERATED_INTERNALS = {
  group: ['**/generated/*', '**/generated/**', '!**/generated/index.js'],
  message: 'Import generated code through generated/index.js, its one door.',
};

export default tseslint.config(
  { ignores: ['node_modules', 'dist', 'coverage', 'generated', '.tmp'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    // Plain Node scripts and configs outside the TypeScript project.
    files: ['**/*.cjs', '**/*.mjs'],
    languageOptions: {
      globals: {
        module: 'writable',
        require: 'readonly',
        console: 'readonly',
        process: 'readonly',
        Buffer: 'readonly',
        URL: 'readonly',
      },
    },
  },
  { files: ['**/*.cjs'], rules: { '@typescript-eslint/no-require-imports': 'off' } },
  {
    // Generated output and committed docs must not depend on the locale.
    files: ['codegen/**/*.ts', 'scripts/**/*.ts'],
    rules: {
      'no-restricted-properties': [
        'error',
        { property: 'localeCompare', message: 'Locale-dependent: use compareStrings from codegen/order.ts.' },
      ],
    },
  },
  // Module boundaries (the design notes' "One door", ../shared/DESIGN.md). The globs match import
  // specifiers (`../../generated/market/index.js`), whatever the relative prefix.
  {
    // The runtime never depends on the build-time generator; code outside
    // generated/ reaches it through its door, generated/index.ts.
    files: ['src/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [CODEGEN, GENERATED_INTERNALS] }],
    },
  },
  {
    files: ['test/**/*.ts', 'scripts/**/*.ts', 'examples/**/*.ts', 'codegen/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [GENERATED_INTERNALS] }] },
  },
  {
    // The client reaches the transport through its index only.
    files: ['src/client/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            CODEGEN,
            GENERATED_INTERNALS,
            {
              group: ['**/transport/*', '!**/transport/index.js'],
              message: 'src/client/ imports the transport through src/transport/index.ts only.',
            },
          ],
        },
      ],
    },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-constant-condition': ['error', { checkLoops: false }],
    },
  },
);
