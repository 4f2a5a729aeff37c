#!/usr/bin/env python3
"""Regenerates common/pl_poseidon2_constants.h from the Java constants (run from cuda-src/)."""
import re

src = open('../proof-system/src/main/java/io/proofline/poseidon2/Poseidon2Constants.java').read()
diag = re.findall(r'0x[0-9A-F_]+', re.search(r'INTERNAL_DIAG_MINUS_1 = \{(.*?)\};', src, re.S).group(1))
rounds = [re.findall(r'0x[0-9A-F_]+', body)
          for _, body in re.findall(r'\{ // round (\d+)(.*?)\}', src[src.index('ROUND_CONSTANTS = {'):], re.S)]
assert len(diag) == 12 and len(rounds) == 30 and all(len(r) == 12 for r in rounds)


def c(x):
    return x.replace('_', '') + 'ULL'


out = ['/* Generated from proof-system io.proofline.poseidon2.Poseidon2Constants (HorizenLabs',
       ' * POSEIDON2_GOLDILOCKS_12_PARAMS, ePrint 2023/323): width 12, x^7, 8 full and 22 partial rounds.',
       ' * Regenerate with cuda-src/gen_constants.py whenever that file changes. */',
       '#ifndef PL_POSEIDON2_CONSTANTS_H', '#define PL_POSEIDON2_CONSTANTS_H', '',
       '#define PL_P2_WIDTH 12', '#define PL_P2_FULL_ROUNDS 8', '#define PL_P2_PARTIAL_ROUNDS 22', '',
       '/* internal matrix J + diag(PL_P2_DIAG) */',
       'PL_CONST uint64_t PL_P2_DIAG[12] = {' + ', '.join(c(x) for x in diag) + '};', '',
       '/* full rounds: 4 initial then 4 final, 12 constants each */',
       'PL_CONST uint64_t PL_P2_FULL_RC[96] = {']
for i in [i for i in range(30) if i < 4 or i >= 26]:
    out.append('    ' + ', '.join(c(x) for x in rounds[i]) + ',')
out += ['};', '', '/* lane-0 constant of each partial round */', 'PL_CONST uint64_t PL_P2_PARTIAL_RC[22] = {']
for i in range(4, 26):
    out.append('    ' + c(rounds[i][0]) + ',')
out += ['};', '', '#endif', '']
open('common/pl_poseidon2_constants.h', 'w').write('\n'.join(out))
