import { test } from "node:test";
import assert from "node:assert/strict";
import { withSingleThreadKernels } from "../../lib";
import { loadNativeBlas } from "../../lib/tensor/native/native";

test("withSingleThreadKernels runs fn on one OpenBLAS thread and restores the count, also when fn throws", (t) => {
  const blas = loadNativeBlas();
  if (!blas) return t.skip("native kernels not built (the wasm and js kernels need no pin)");
  const before = blas.setThreads(2);
  const many = blas.setThreads(2); // 2, or fewer where OpenBLAS caps it (one core)
  try {
    const inside = withSingleThreadKernels(() => {
      const count = blas.setThreads(1); // returns the count in effect
      return count;
    });
    assert.equal(inside, 1);
    assert.equal(blas.setThreads(2), many, "restored");
    assert.throws(() => withSingleThreadKernels(() => { throw new Error("boom"); }), /boom/);
    assert.equal(blas.setThreads(2), many, "restored after an exception");
    assert.throws(() => blas.setThreads(0), /integer ≥ 1/);
  } finally {
    blas.setThreads(before);
  }
});
