/**
 * Builds the tab into dist/tab, where the server serves it under /tab/: one entry and one HTML
 * page per surface, TypeScript through ts-loader with the browser tsconfig (as ES modules, so that
 * tree shaking and `import()` chunks work), content-hashed file names, vendor code split out.
 *
 * `webpack --mode production --env unsplit` builds each page as a single file (no vendor split,
 * no lazy chunks: `import()` is bundled eagerly), for benchmarks that compare the two.
 */
const path = require('node:path');
const HtmlWebpackPlugin = require('html-webpack-plugin');
const { PrecompressPlugin } = require('./scripts/precompressPlugin');

/** Each surface: its entry module, HTML file name and page title. */
const PAGES = [
  { name: 'home', entry: './src/tab/home/index.ts', file: 'home.html', title: 'Minutebook' },
  {
    name: 'meeting',
    entry: './src/tab/entries/meeting.tsx',
    file: 'meeting.html',
    title: 'Minutebook meeting',
  },
  {
    name: 'stage',
    entry: './src/tab/entries/stage.tsx',
    file: 'stage.html',
    title: 'Minutebook stage',
  },
  {
    name: 'settings',
    entry: './src/tab/entries/settings.tsx',
    file: 'settings.html',
    title: 'Minutebook settings',
  },
  {
    name: 'myActions',
    entry: './src/tab/entries/myActions.tsx',
    file: 'my-actions.html',
    title: 'Minutebook: my actions',
  },
];

/** The server replaces this with a fresh nonce on every response (see tabRoutes.ts). */
const NONCE_PLACEHOLDER = '__CSP_NONCE__';

function pageHtml({ htmlWebpackPlugin }) {
  const { title } = htmlWebpackPlugin.options;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="csp-nonce" content="${NONCE_PLACEHOLDER}">
<title>${title}</title>
</head>
<body>
<div id="root"><noscript>Minutebook needs JavaScript.</noscript></div>
</body>
</html>
`;
}

module.exports = (env = {}, argv = {}) => {
  const unsplit = Boolean(env.unsplit);
  const mode = argv.mode ?? 'production';
  return {
    mode,
    entry: Object.fromEntries(PAGES.map((page) => [page.name, page.entry])),
    output: {
      path: path.resolve(__dirname, 'dist/tab'),
      publicPath: '/tab/',
      filename: mode === 'production' ? '[name].[contenthash:10].js' : '[name].js',
      chunkFilename: mode === 'production' ? '[name].[contenthash:10].js' : '[name].js',
      clean: true,
    },
    resolve: { extensions: ['.ts', '.tsx', '.js'] },
    module: {
      // Unsplit: every `import()` is resolved into the importing file, so each page is one file.
      parser: unsplit ? { javascript: { dynamicImportMode: 'eager' } } : {},
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          use: {
            loader: 'ts-loader',
            options: {
              configFile: 'tsconfig.tab.json',
              onlyCompileBundledFiles: true,
              compilerOptions: { noEmit: false, module: 'es2020', moduleResolution: 'node10' },
            },
          },
        },
      ],
    },
    optimization: unsplit
      ? { splitChunks: false, runtimeChunk: false }
      : {
          runtimeChunk: 'single',
          splitChunks: {
            chunks: 'all',
            cacheGroups: {
              // Every React page needs these; one long-cached file.
              react: {
                test: /[\\/]node_modules[\\/](react|react-dom|scheduler)[\\/]/,
                name: 'vendor-react',
                priority: 30,
              },
              // Other vendor code (Fluent UI, teams-js…) is grouped by the set of chunks that use
              // it, so a page downloads only the components it renders.
              defaultVendors: {
                test: /[\\/]node_modules[\\/]/,
                priority: -10,
                reuseExistingChunk: true,
              },
            },
          },
        },
    plugins: [
      ...PAGES.map(
        (page) =>
          new HtmlWebpackPlugin({
            filename: page.file,
            chunks: [page.name],
            title: page.title,
            templateContent: pageHtml,
            scriptLoading: 'defer',
            inject: 'head',
            minify: false,
          }),
      ),
      ...(mode === 'production' ? [new PrecompressPlugin()] : []),
    ],
    devtool: 'source-map',
    performance: { hints: false },
  };
};
