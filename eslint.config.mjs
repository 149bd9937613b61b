// ESLint flat config. Layer rules from docs/architecture: one folder per outside SDK,
// and the pure layers (src/domain, src/minutes) import nothing from Node, React or an SDK.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const nodeBuiltins = [
  'node:*',
  'fs',
  'path',
  'http',
  'https',
  'crypto',
  'os',
  'child_process',
  'net',
  'stream',
];

const DB = {
  group: ['better-sqlite3', '@azure/data-tables'],
  message: 'Database engines are used only in src/store; go through the Store port.',
};
const TEAMS = {
  group: ['@microsoft/teams-js'],
  message: 'Only src/tab/teams imports @microsoft/teams-js; use the host port.',
};
const GRAPH = {
  group: ['@microsoft/microsoft-graph-client'],
  message: 'Only src/graph talks to Microsoft Graph.',
};
const PURE = {
  group: [
    ...nodeBuiltins,
    'react',
    'react-dom',
    'fastify',
    'better-sqlite3',
    'jose',
    'zod-to-*',
    '@azure/*',
    '@microsoft/*',
    '**/store/**',
    '**/server/**',
    '**/graph/**',
    '**/tab/**',
  ],
  message:
    'src/domain and src/minutes are pure: no Node, React, SDK or IO imports. Put IO in src/store, src/graph or src/server.',
};

/** A later flat-config entry replaces an earlier one's rule, so each folder lists all of its limits at once. */
function restrict(limits) {
  return { 'no-restricted-imports': ['error', { patterns: limits }] };
}

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'dist/',
      'coverage/',
      '.data/',
      'appPackage/build/',
      'bench/results/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        console: 'readonly',
        process: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        setInterval: 'readonly',
        clearInterval: 'readonly',
        URL: 'readonly',
        Buffer: 'readonly',
        fetch: 'readonly',
        AbortController: 'readonly',
        TextEncoder: 'readonly',
        TextDecoder: 'readonly',
        structuredClone: 'readonly',
        performance: 'readonly',
        require: 'readonly',
        module: 'writable',
        __dirname: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    // Tests beside pure code may read fixtures from disk; the code itself may not.
    files: ['src/domain/**/*.ts', 'src/minutes/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: restrict([PURE]),
  },
  {
    files: ['**/*.js'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  { files: ['src/store/**/*.ts'], rules: restrict([TEAMS, GRAPH]) },
  { files: ['src/graph/**/*.ts'], rules: restrict([DB, TEAMS]) },
  {
    files: ['src/tab/**/*.ts', 'src/tab/**/*.tsx'],
    ignores: ['src/tab/teams/**'],
    rules: restrict([DB, GRAPH, TEAMS]),
  },
  { files: ['src/tab/teams/**/*.ts'], rules: restrict([DB, GRAPH]) },
  {
    files: ['src/**/*.ts'],
    ignores: ['src/domain/**', 'src/minutes/**', 'src/store/**', 'src/graph/**', 'src/tab/**'],
    rules: restrict([DB, TEAMS, GRAPH]),
  },
);
