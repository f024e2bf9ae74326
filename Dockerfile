# The gelombang image: the reference service (`serve`), the registry stub (`stub registry`) and every
# other subcommand. Multi-stage: build tools stay in the first stage; the final stage runs as `node`.

FROM node:20-bookworm-slim AS build
WORKDIR /app
# better-sqlite3 compiles from source when no prebuilt binary fits.
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
# Installs exactly the lockfile. node:20 images ship npm 10, which `npm ci` works with; .ci/run uses
# `npm install` only because npm 11 rejects lockfiles lacking other platforms' optional packages
# (npm/cli#4828). --ignore-scripts: the sources are not copied yet; the build runs below.
RUN npm ci --no-audit --no-fund --ignore-scripts && npm rebuild better-sqlite3 esbuild
COPY . .
RUN npm run build --if-present

FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000
WORKDIR /app
COPY --from=build --chown=node:node /app /app
USER node
EXPOSE 3000
HEALTHCHECK --interval=5s --timeout=3s --retries=12 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/readyz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
ENTRYPOINT ["node", "bin/gelombang.js"]
CMD ["serve"]
