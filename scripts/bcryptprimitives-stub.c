/* For scripts/windows-check only, never a package: Wine 8 (Debian 12's
 * wine64) has no bcryptprimitives.dll, whose ProcessPrng Rust's standard
 * library calls for random bytes (HashMap seeds). This stub, built beside
 * kaoping.exe in a temporary folder, returns fixed bytes. kaoping's output
 * never depends on them (its maps are ordered). */
#include <windows.h>
__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len) {
  for (SIZE_T i = 0; i < len; i++) data[i] = (BYTE)(i * 131 + 7);
  return TRUE;
}
