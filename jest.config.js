/**
 * Every suite of `npm test`, as jest projects. TypeScript is stripped by babel (configFile:false keeps
 * Taro's build preset out of jest); types are checked separately by `tsc --noEmit`.
 */
const babel = [
  'babel-jest',
  {
    configFile: false,
    babelrc: false,
    presets: [
      ['@babel/preset-env', { targets: { node: 'current' } }],
      ['@babel/preset-react', { runtime: 'automatic' }],
      '@babel/preset-typescript',
    ],
  },
]
const common = {
  transform: { '^.+\\.[jt]sx?$': babel },
  moduleNameMapper: { '^@/(.*)$': '<rootDir>/src/$1' },
  modulePathIgnorePatterns: ['<rootDir>/dist/', '<rootDir>/dist-h5/', '<rootDir>/.local/'],
}

module.exports = {
  reporters: ['default', '<rootDir>/test/summary-reporter.js'],
  projects: [
    // core rules, server modules without a cloud, the local cloud, the cloud functions (through the real
    // wx-server-sdk), scripts and docs
    {
      ...common,
      displayName: 'node',
      testEnvironment: 'node',
      testMatch: ['<rootDir>/test/{core,server,emulator,functions,scripts,docs}/**/*.test.ts'],
    },
    // the compiled weapp dist/ rendered in miniprogram-simulate
    { ...common, displayName: 'weapp', testEnvironment: 'jsdom', testMatch: ['<rootDir>/test/weapp/**/*.test.ts'] },
    // whole journeys in Chromium on the h5 build against the local cloud
    { ...common, displayName: 'browser', testEnvironment: 'node', testMatch: ['<rootDir>/test/browser/**/*.test.ts'] },
  ],
}
