// OpenBLAS's CBLAS interface; only ParapetEncoder/Kernels/BLAS.swift imports this module.
#include <cblas.h>
