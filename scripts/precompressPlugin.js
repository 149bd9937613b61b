/**
 * Writes a Brotli (`.br`) and a gzip (`.gz`) copy beside every emitted .js and .css file, once,
 * at build time, so the server can answer `Accept-Encoding` without compressing per request
 * (see src/server/routes/tabRoutes.ts). Teams loads the tab through a tunnel or over the internet,
 * where the bytes matter; compressing ~1 MB of JavaScript on every server start would not.
 */
const zlib = require('node:zlib');

const COMPRESSIBLE = /\.(js|css)$/;
/** Smaller files gain nothing worth a second round of negotiation. */
const MIN_BYTES = 1024;

class PrecompressPlugin {
  apply(compiler) {
    const { Compilation, sources } = compiler.webpack;
    compiler.hooks.thisCompilation.tap('PrecompressPlugin', (compilation) => {
      compilation.hooks.processAssets.tap(
        { name: 'PrecompressPlugin', stage: Compilation.PROCESS_ASSETS_STAGE_OPTIMIZE_TRANSFER },
        (assets) => {
          for (const name of Object.keys(assets)) {
            if (!COMPRESSIBLE.test(name)) continue;
            const raw = compilation.getAsset(name).source.buffer();
            if (raw.length < MIN_BYTES) continue;
            const brotli = zlib.brotliCompressSync(raw, {
              params: {
                [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY,
                [zlib.constants.BROTLI_PARAM_SIZE_HINT]: raw.length,
              },
            });
            const gzip = zlib.gzipSync(raw, { level: zlib.constants.Z_BEST_COMPRESSION });
            compilation.emitAsset(`${name}.br`, new sources.RawSource(brotli));
            compilation.emitAsset(`${name}.gz`, new sources.RawSource(gzip));
          }
        },
      );
    });
  }
}

module.exports = { PrecompressPlugin };
