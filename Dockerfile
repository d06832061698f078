# The flotilla controller image (charts/flotilla runs it).
#   docker build -t flotilla:0.1.0 .
#   docker run --rm flotilla:0.1.0 controller --help
# flotilla is TypeScript run by Node 24's built-in type stripping: there is no
# compile step, the image carries src/ as it is in the repository.

FROM node:24-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
# Runtime dependencies only: the pinned `node` devDependency is the image's own Node here.
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund \
 && npm cache clean --force

FROM node:24-bookworm-slim AS source
WORKDIR /app
COPY bin ./bin
COPY src ./src
COPY schemas ./schemas
# Tests are not part of the image.
RUN find src -name '*.test.ts' -delete

FROM node:24-bookworm-slim
ENV NODE_ENV=production \
    NODE_OPTIONS=--disable-warning=ExperimentalWarning
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY --from=source /app ./
COPY package.json ./
# The git cache; in Kubernetes an emptyDir is mounted here (read-only root filesystem).
RUN mkdir -p /var/cache/flotilla && chown 1000:1000 /var/cache/flotilla
# The `node` user of the base image, by number so that runAsNonRoot can verify it.
USER 1000:1000
EXPOSE 8080
ENTRYPOINT ["node", "/app/bin/flotilla.js"]
CMD ["controller", "--help"]
