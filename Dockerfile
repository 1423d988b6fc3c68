# gatekeep in a container, for CI systems without a Python or a GitHub runner:
#   docker build -t gatekeep --build-arg GATEKEEP_BUILD_COMMIT=$(git rev-parse --short=12 HEAD) .
#   docker run --rm -v "$PWD:/repo" gatekeep check -o sarif=gatekeep.sarif
# The image is `scratch` plus one static (musl) binary: no shell, no git, no libc. Gates that run
# commands (`command`, a perf `run` source) or diff-aware metrics (`--base`, which needs git) are
# ERROR in it, never PASS; for those, run the binary or the wheel in an image with your tools.

FROM rust:1-alpine AS build
# Alpine's Rust targets musl and links it statically by default.
RUN apk add --no-cache musl-dev
WORKDIR /src
COPY . .
ARG GATEKEEP_BUILD_COMMIT=unknown
ENV GATEKEEP_BUILD_COMMIT=${GATEKEEP_BUILD_COMMIT}
RUN cargo build --release --locked \
 && cp target/release/gatekeep /gatekeep \
 && /gatekeep --version \
 && if ldd /gatekeep 2>&1 | grep -q '=>'; then echo "gatekeep is not static" >&2; exit 1; fi \
 && mkdir -m 1777 /empty-tmp

FROM scratch
COPY --from=build /gatekeep /gatekeep
COPY --from=build /empty-tmp /tmp
COPY LICENSE /LICENSE
WORKDIR /repo
ENTRYPOINT ["/gatekeep"]
CMD ["check"]
