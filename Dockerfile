# The mutualsim program in a small image: a static binary on a distroless
# base, run as a user without privileges. examples/kubernetes/sweep-job.yaml
# refers to it. Build and push from the repository's root:
#
#   docker build -t registry.example.org/mutualsim:0.3.2 .
#   docker push registry.example.org/mutualsim:0.3.2
#
# (podman build/push work the same.) The image's entrypoint is the program,
# so a container's args are a command line: ["run", "--scale", "small"].
# Its working folder is /, and results go to /results, where a pod mounts a
# volume.

FROM golang:1.26-bookworm AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
# Pure Go, no cgo: a static binary that runs on any Linux of the same
# architecture, and the same bytes of output as every other build.
RUN CGO_ENABLED=0 go build -trimpath -o /out/mutualsim ./cmd/mutualsim

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/mutualsim /usr/local/bin/mutualsim
WORKDIR /
# uid and gid 65532; the Job's fsGroup makes the results volume writable.
USER nonroot:nonroot
ENTRYPOINT ["/usr/local/bin/mutualsim"]
