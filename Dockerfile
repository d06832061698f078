# The flotilla controller image (charts/flotilla runs it), built from the packed npm package and
# installed the way a user installs it: the final stage holds Node and the installed package (the
# bundle in dist/cli, no sources, no node_modules), runs as a non-root user, and needs no write
# access to its root filesystem (the chart mounts emptyDirs at /var/cache/flotilla and /tmp).
#   docker build -t flotilla:0.2.0 .
#   docker run --rm --read-only flotilla:0.2.0 controller --help
#   docker run --rm --read-only -v "$PWD:/fleet:ro" -w /fleet flotilla:0.2.0 validate
# The tag follows package.json's version, as charts/flotilla's appVersion does (test/ship/image.test.ts).

# 1. Pack: the dev dependencies (esbuild) and `npm pack`, whose prepack builds dist/.
FROM node:24-bookworm-slim AS pack
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm pack --pack-destination /pack

# 2. Install the tarball into a clean prefix, as `npm install --global` does for a user.
FROM node:24-bookworm-slim AS install
COPY --from=pack /pack/ /pack/
RUN npm install --global --prefix /opt/flotilla --no-audit --no-fund /pack/flotilla-*.tgz

# 3. The image.
FROM node:24-bookworm-slim
ENV NODE_ENV=production
COPY --from=install /opt/flotilla /opt/flotilla
# The git cache; in Kubernetes an emptyDir is mounted here (read-only root filesystem).
RUN mkdir -p /var/cache/flotilla && chown 1000:1000 /var/cache/flotilla
# The `node` user of the base image, by number so that runAsNonRoot can verify it.
USER 1000:1000
EXPOSE 8080
ENTRYPOINT ["/opt/flotilla/bin/flotilla"]
CMD ["controller", "--help"]
