/**
 * Builds the tab: one entry per page, TypeScript through ts-loader with the browser tsconfig
 * (DOM types, no Node), into dist/tab where the server serves it from /tab/.
 */
const path = require('node:path');

module.exports = (_env, argv) => ({
  mode: argv.mode ?? 'production',
  entry: { home: './src/tab/home/index.ts' },
  output: { path: path.resolve(__dirname, 'dist/tab'), filename: '[name].js', clean: true },
  resolve: { extensions: ['.ts', '.tsx', '.js'] },
  module: {
    rules: [
      {
        test: /\.tsx?$/,
        exclude: /node_modules/,
        use: {
          loader: 'ts-loader',
          options: {
            configFile: 'tsconfig.tab.json',
            onlyCompileBundledFiles: true,
            compilerOptions: { noEmit: false },
          },
        },
      },
    ],
  },
  devtool: 'source-map',
  performance: { hints: false },
});
