/** `.wasm` files imported by the browser bundle: esbuild's binary loader inlines them as Uint8Array. */
declare module "*.wasm" {
  const bytes: Uint8Array;
  export default bytes;
}
