/** One jest run for unit (src/**), integration and end-to-end (test/**) tests. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/src', '<rootDir>/test'],
  testMatch: ['**/*.test.ts', '**/*.test.tsx'],
  transform: {
    // Type checking is `npm run typecheck`'s job; here ts-jest only transpiles, file by file.
    '^.+\\.[tj]sx?$': ['ts-jest', { tsconfig: 'tsconfig.jest.json', isolatedModules: true }],
  },
  // jose ships ESM only; jest runs CommonJS, so it is compiled like our own code.
  transformIgnorePatterns: ['/node_modules/(?!jose/)'],
  testTimeout: 30000,
};
