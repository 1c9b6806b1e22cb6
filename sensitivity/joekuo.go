package sensitivity

// joeKuo holds the direction-number data for Sobol dimensions 2 to 40 from
// the file "new-joe-kuo-6.21201" published by S. Joe and F. Y. Kuo with
//
//	S. Joe and F. Y. Kuo, "Constructing Sobol sequences with better
//	two-dimensional projections", SIAM J. Sci. Comput. 30 (2008) 2635–2654,
//	https://web.maths.unsw.edu.au/~fkuo/sobol/
//
// Row d−2 serves dimension d. Each row gives s, the degree of the primitive
// polynomial x^s + c_1 x^(s−1) + … + c_(s−1) x + 1 over GF(2); a, whose binary
// digits are c_1 … c_(s−1) (most significant first); and the initial
// direction numbers m_1 … m_s (odd, m_i < 2^i). Dimension 1 has no row: it is
// the van der Corput sequence in base 2 (every m_i = 1).
//
// The numbers are data transcribed from the published file (rows 2 to 40)
// and compared with three independent public copies of it. joekuo_test.go
// checks them against a second entry of the published rows, checks s and a
// against an enumeration of the primitive polynomials, and checks that every
// m_i is odd and below 2^i; sobolseq_test.go checks the first points against
// published values.
//
// The published file carries this licence, reproduced as it requires:
//
// # Licence pertaining to sobol.cc and the accompanying sets of direction numbers
//
// Copyright (c) 2008, Frances Y. Kuo and Stephen Joe
// All rights reserved.
//
// Redistribution and use in source and binary forms, with or without
// modification, are permitted provided that the following conditions are met:
//
//   - Redistributions of source code must retain the above copyright
//     notice, this list of conditions and the following disclaimer.
//
//   - Redistributions in binary form must reproduce the above copyright
//     notice, this list of conditions and the following disclaimer in the
//     documentation and/or other materials provided with the distribution.
//
//   - Neither the names of the copyright holders nor the names of the
//     University of New South Wales and the University of Waikato
//     and its contributors may be used to endorse or promote products derived
//     from this software without specific prior written permission.
//
// THIS SOFTWARE IS PROVIDED BY THE COPYRIGHT HOLDERS “AS IS” AND ANY
// EXPRESS OR IMPLIED WARRANTIES, INCLUDING, BUT NOT LIMITED TO, THE IMPLIED
// WARRANTIES OF MERCHANTABILITY AND FITNESS FOR A PARTICULAR PURPOSE ARE
// DISCLAIMED. IN NO EVENT SHALL THE COPYRIGHT HOLDERS BE LIABLE FOR ANY
// DIRECT, INDIRECT, INCIDENTAL, SPECIAL, EXEMPLARY, OR CONSEQUENTIAL DAMAGES
// (INCLUDING, BUT NOT LIMITED TO, PROCUREMENT OF SUBSTITUTE GOODS OR SERVICES;
// LOSS OF USE, DATA, OR PROFITS; OR BUSINESS INTERRUPTION) HOWEVER CAUSED AND
// ON ANY THEORY OF LIABILITY, WHETHER IN CONTRACT, STRICT LIABILITY, OR TORT
// (INCLUDING NEGLIGENCE OR OTHERWISE) ARISING IN ANY WAY OUT OF THE USE OF THIS
// SOFTWARE, EVEN IF ADVISED OF THE POSSIBILITY OF SUCH DAMAGE.
var joeKuo = [...]struct {
	s, a uint32
	m    []uint32
}{
	{1, 0, []uint32{1}},                             // d = 2
	{2, 1, []uint32{1, 3}},                          // d = 3
	{3, 1, []uint32{1, 3, 1}},                       // d = 4
	{3, 2, []uint32{1, 1, 1}},                       // d = 5
	{4, 1, []uint32{1, 1, 3, 3}},                    // d = 6
	{4, 4, []uint32{1, 3, 5, 13}},                   // d = 7
	{5, 2, []uint32{1, 1, 5, 5, 17}},                // d = 8
	{5, 4, []uint32{1, 1, 5, 5, 5}},                 // d = 9
	{5, 7, []uint32{1, 1, 7, 11, 19}},               // d = 10
	{5, 11, []uint32{1, 1, 5, 1, 1}},                // d = 11
	{5, 13, []uint32{1, 1, 1, 3, 11}},               // d = 12
	{5, 14, []uint32{1, 3, 5, 5, 31}},               // d = 13
	{6, 1, []uint32{1, 3, 3, 9, 7, 49}},             // d = 14
	{6, 13, []uint32{1, 1, 1, 15, 21, 21}},          // d = 15
	{6, 16, []uint32{1, 3, 1, 13, 27, 49}},          // d = 16
	{6, 19, []uint32{1, 1, 1, 15, 7, 5}},            // d = 17
	{6, 22, []uint32{1, 3, 1, 15, 13, 25}},          // d = 18
	{6, 25, []uint32{1, 1, 5, 5, 19, 61}},           // d = 19
	{7, 1, []uint32{1, 3, 7, 11, 23, 15, 103}},      // d = 20
	{7, 4, []uint32{1, 3, 7, 13, 13, 15, 69}},       // d = 21
	{7, 7, []uint32{1, 1, 3, 13, 7, 35, 63}},        // d = 22
	{7, 8, []uint32{1, 3, 5, 9, 1, 25, 53}},         // d = 23
	{7, 14, []uint32{1, 3, 1, 13, 9, 35, 107}},      // d = 24
	{7, 19, []uint32{1, 3, 1, 5, 27, 61, 31}},       // d = 25
	{7, 21, []uint32{1, 1, 5, 11, 19, 41, 61}},      // d = 26
	{7, 28, []uint32{1, 3, 5, 3, 3, 13, 69}},        // d = 27
	{7, 31, []uint32{1, 1, 7, 13, 1, 19, 1}},        // d = 28
	{7, 32, []uint32{1, 3, 7, 5, 13, 19, 59}},       // d = 29
	{7, 37, []uint32{1, 1, 3, 9, 25, 29, 41}},       // d = 30
	{7, 41, []uint32{1, 3, 5, 13, 23, 1, 55}},       // d = 31
	{7, 42, []uint32{1, 3, 7, 3, 13, 59, 17}},       // d = 32
	{7, 50, []uint32{1, 3, 1, 3, 5, 53, 69}},        // d = 33
	{7, 55, []uint32{1, 1, 5, 5, 23, 33, 13}},       // d = 34
	{7, 56, []uint32{1, 1, 7, 7, 1, 61, 123}},       // d = 35
	{7, 59, []uint32{1, 1, 7, 9, 13, 61, 49}},       // d = 36
	{7, 62, []uint32{1, 3, 3, 5, 3, 55, 33}},        // d = 37
	{8, 14, []uint32{1, 3, 1, 15, 31, 13, 49, 245}}, // d = 38
	{8, 21, []uint32{1, 3, 5, 15, 31, 59, 63, 97}},  // d = 39
	{8, 22, []uint32{1, 3, 1, 11, 11, 11, 77, 249}}, // d = 40
}
