/**
 * The measure catalogue: every family registers its ids here, once, in this order.
 * A new family is one file in lib/measures/ plus one line below.
 */
import { registerCka } from "./cka";
import { registerProcrustes } from "./procrustes";
import { registerProcrustesCv } from "./procrustes_cv";
import { registerShapeMetric } from "./shape_metric";
import { registerSvcca } from "./svcca";
import { registerPwcca } from "./pwcca";
import { registerPermutation } from "./permutation";
import { registerRegression } from "./regression";
import { registerKernelCka } from "./kernel_cka";
import { registerRsa } from "./rsa";
import { registerEnsd } from "./ensd";
import { registerElementary } from "./elementary";
import { registerComposed } from "./composed";
import { registerMatching } from "./matching";
import { registerIsc } from "./isc";
import { registerAlignedCosine } from "./aligned_cosine";
import { registerPls } from "./pls";
import { registerSparseHsic } from "./sparse_hsic";
import { registerNeighbors } from "./neighbors";
import { registerVersa } from "./versa";
import { registerShapeMetricCv } from "./shape_metric_cv";

registerCka();
registerProcrustes();
registerProcrustesCv();
registerShapeMetric();
registerSvcca();
registerPwcca();
registerPermutation();
registerRegression();
registerKernelCka();
registerRsa();
registerEnsd();
registerElementary();
registerComposed();
registerMatching();
registerIsc();
registerAlignedCosine();
registerPls();
registerSparseHsic();
registerNeighbors();
registerVersa();
registerShapeMetricCv();
