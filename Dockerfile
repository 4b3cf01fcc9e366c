# newslint in a container: `docker build -t newslint .`, then
#   docker run --rm -v "$PWD:/work" newslint check stories/
#   docker run --rm -i newslint < story.txt          (default: `check` on stdin)
# Stage 1 builds with Debian bookworm's Rust image and libclang (Hunspell's
# bindings are generated at build time); stage 2 is a slim bookworm with the
# binary alone (the dictionaries and the context model are inside it).
FROM rust:1-bookworm AS build
# libclang-dev follows bookworm's point releases: not pinned to a version.
# hadolint ignore=DL3008
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends libclang-dev \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
RUN cargo build --release --locked --bin newslint

# The runtime needs only glibc and libstdc++ (Hunspell is C++), both in the
# slim image.
FROM debian:bookworm-slim
COPY --from=build /src/target/release/newslint /usr/local/bin/newslint
WORKDIR /work
ENTRYPOINT ["newslint"]
CMD ["check"]
