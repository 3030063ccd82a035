/* A stand-in for Windows' bcryptprimitives.dll, for testing under Wine only
 * (never shipped). Go 1.22 and later take their random bytes from its
 * ProcessPrng, which Windows 10 and later have; Debian 12's Wine 8.0 has no
 * such DLL, so a Go program there dies at start ("bcryptprimitives.dll not
 * found"). This one answers ProcessPrng with RtlGenRandom (advapi32's
 * SystemFunction036), which Wine has. scripts/dist-check.sh builds it with
 * mingw-w64 and puts it in its Wine prefix. */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len)
{
    while (len > 0) {
        ULONG n = len > 0x10000000 ? 0x10000000 : (ULONG)len;
        if (!SystemFunction036(data, n))
            return FALSE;
        data += n;
        len -= n;
    }
    return TRUE;
}
