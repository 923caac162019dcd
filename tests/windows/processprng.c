/* Test-only stand-in for bcryptprimitives.dll's ProcessPrng, which Rust's standard
 * library imports on Windows and Debian 12's Wine 8.0 does not have. It draws from
 * RtlGenRandom (advapi32's SystemFunction036), which Wine does implement. Built by
 * tests/windows/wine.sh into the Wine prefix the tests make; never shipped. */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length) {
    while (length > 0) {
        ULONG chunk = length > 0x40000000 ? 0x40000000 : (ULONG)length;
        if (!SystemFunction036(data, chunk)) return FALSE;
        data += chunk;
        length -= chunk;
    }
    return TRUE;
}
