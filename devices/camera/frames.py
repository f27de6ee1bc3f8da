"""Frame sources behind ``camera:INDEX``, ``video:PATH`` and ``images:DIR`` (research/devices.md §3.4, §6.3)."""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterator
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any, Protocol, cast

import cv2
import numpy as np
import numpy.typing as npt

from devices.errors import DeviceDisconnected, DeviceNotFound, DeviceUriError
from devices.uri import DeviceUri, Scheme, parse_device_uri

if TYPE_CHECKING:
    from devices.camera.simulator import SimulatedFrames

_log = logging.getLogger(__name__)

Frame = npt.NDArray[np.uint8]  # BGR, height × width × 3

IMAGE_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".bmp", ".tif", ".tiff", ".webp"})
_MAX_FAILED_READS = 5  # consecutive empty reads before a live camera counts as unplugged


class FrameSource(Protocol):
    """Frames in order; ``read`` returns None when a finite source (video, folder) is exhausted.

    Not thread-safe: it lives on the thread that reads it (the camera's owner thread).
    """

    @property
    def uri(self) -> str: ...

    @property
    def live(self) -> bool:
        """True for a real camera (endless, needs warm-up frames for auto-exposure)."""

    def read(self) -> Frame | None: ...

    def close(self) -> None: ...


class CaptureFrames:
    """A ``cv2.VideoCapture`` over a camera index or a video file (``?loop=1`` restarts a video)."""

    def __init__(self, uri: DeviceUri, *, width: int = 0, height: int = 0, fps: int = 0) -> None:
        self._uri = uri
        self._size = (width, height, fps)
        self._loop = uri.option_int("loop", 0) == 1
        self._failed = 0
        self._since_rewind = 0
        self._capture: cv2.VideoCapture | None = None

    def open(self) -> CaptureFrames:
        if self._capture is not None:
            return self
        if self._uri.scheme is Scheme.CAMERA:
            self._capture = _open_camera(self._uri, *self._size)
            return self
        path = Path(self._uri.path)
        if not path.is_file():
            raise DeviceNotFound(f"找不到视频文件“{path}”。", f"video file {path} does not exist")
        capture = cv2.VideoCapture(str(path))
        if not capture.isOpened():
            raise DeviceNotFound(
                f"无法打开视频文件“{path}”：格式不支持或文件已损坏。", f"cv2 cannot open video {path}"
            )
        self._capture = capture
        return self

    @property
    def uri(self) -> str:
        return self._uri.text

    @property
    def live(self) -> bool:
        return self._uri.scheme is Scheme.CAMERA

    def read(self) -> Frame | None:
        if self._capture is None:
            raise RuntimeError("frame source not opened")
        while True:
            ok, frame = self._capture.read()
            if ok and frame is not None:
                self._failed = 0
                self._since_rewind += 1
                return _bgr(frame)
            if not self.live:
                # rewind only after a frame was read since the last rewind: an empty video ends
                if self._loop and self._since_rewind and self._capture.set(cv2.CAP_PROP_POS_FRAMES, 0):
                    self._since_rewind = 0
                    continue
                return None
            self._failed += 1
            if self._failed >= _MAX_FAILED_READS:
                raise DeviceDisconnected(
                    f"摄像头 {self._uri.index} 没有画面：可能已被拔出或被其他程序占用。",
                    f"camera {self._uri.index}: {self._failed} failed reads",
                    code="camera.no_picture",
                    params={"index": self._uri.index},
                )

    def close(self) -> None:
        if self._capture is not None:
            self._capture.release()
            self._capture = None

    def __enter__(self) -> CaptureFrames:
        return self.open()

    def __iter__(self) -> Iterator[Frame]:
        return iter_frames(self)

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()


class ImageFrames:
    """The image files of a folder in name order, or a single image file (``?loop=1`` cycles)."""

    def __init__(self, uri: DeviceUri) -> None:
        self._uri = uri
        self._loop = uri.option_int("loop", 0) == 1
        self._files: list[Path] = []
        self._next = 0

    def open(self) -> ImageFrames:
        path = Path(self._uri.path)
        if path.is_dir():
            files = sorted(p for p in path.iterdir() if p.suffix.lower() in IMAGE_SUFFIXES)
        elif path.is_file():
            files = [path]
        else:
            raise DeviceNotFound(f"找不到图片文件夹“{path}”。", f"image folder {path} does not exist")
        if not files:
            raise DeviceNotFound(f"文件夹“{path}”里没有图片。", f"no image files in {path}")
        self._files, self._next = files, 0
        return self

    @property
    def uri(self) -> str:
        return self._uri.text

    @property
    def live(self) -> bool:
        return False

    def read(self) -> Frame | None:
        if self._next >= len(self._files):
            if not self._loop or not self._files:
                return None
            self._next = 0
        path = self._files[self._next]
        self._next += 1
        return read_image(path)

    def close(self) -> None:
        self._files, self._next = [], 0

    def __enter__(self) -> ImageFrames:
        return self.open()

    def __iter__(self) -> Iterator[Frame]:
        return iter_frames(self)

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()


def read_image(path: str | Path) -> Frame:
    """Read an image file as BGR; a missing or unreadable file is DeviceNotFound."""
    # np.fromfile + imdecode instead of imread: imread cannot open non-ASCII paths on Windows.
    try:
        data = np.fromfile(str(path), dtype=np.uint8)
    except OSError as exc:
        raise DeviceNotFound(f"找不到图片“{path}”。", f"cannot read image {path}: {exc}") from exc
    image = cv2.imdecode(data, cv2.IMREAD_COLOR) if data.size else None
    if image is None:
        raise DeviceNotFound(f"无法读取图片“{path}”：不是图片或文件已损坏。", f"cv2 cannot decode {path}")
    return _bgr(image)


def frame_source(
    uri: str | DeviceUri, *, width: int = 0, height: int = 0, fps: int = 0
) -> CaptureFrames | ImageFrames | SimulatedFrames:
    """An unopened source for ``camera:``/``video:``/``images:``/``sim``; use it in ``with`` to open and close it.

    The camera size is a request (URI options ``width``/``height``/``fps`` win).
    """
    parsed = parse_device_uri(uri) if isinstance(uri, str) else uri
    if parsed.scheme in (Scheme.CAMERA, Scheme.VIDEO):
        return CaptureFrames(parsed, width=width, height=height, fps=fps)
    if parsed.scheme is Scheme.IMAGES:
        return ImageFrames(parsed)
    if parsed.scheme is Scheme.SIM and not parsed.path:
        from devices.camera.simulator import SimulatedFrames  # imported here: it imports this module

        return SimulatedFrames(parsed)
    raise DeviceUriError(
        f"摄像头地址应为 camera:序号、video:文件 或 images:文件夹，现在是“{parsed}”",
        f"not a frame source URI: {parsed}",
    )


def iter_frames(source: FrameSource) -> Iterator[Frame]:
    """Iterate a source until it is exhausted (forever for a live camera)."""
    while (frame := source.read()) is not None:
        yield frame


def _open_camera(uri: DeviceUri, width: int, height: int, fps: int) -> cv2.VideoCapture:
    index = uri.index
    if sys.platform.startswith("linux") and not Path(f"/dev/video{index}").exists():
        # checked first so OpenCV does not print its own warnings for a camera that is not there
        raise DeviceNotFound(
            _no_camera(index),
            f"/dev/video{index} does not exist",
            code="camera.not_found",
            params={"index": index},
        )
    backend = {"win32": cv2.CAP_DSHOW, "linux": cv2.CAP_V4L2}.get(sys.platform, cv2.CAP_ANY)
    capture = cv2.VideoCapture(index, backend)
    if not capture.isOpened():
        raise DeviceNotFound(
            _no_camera(index),
            f"cv2.VideoCapture({index}) did not open",
            code="camera.not_found",
            params={"index": index},
        )
    width = uri.option_int("width", width)
    height = uri.option_int("height", height)
    fps = uri.option_int("fps", fps)
    # §3.4: large sizes are usually MJPG-only; DirectShow wants width, height, fps, then FOURCC.
    if width and height:
        capture.set(cv2.CAP_PROP_FRAME_WIDTH, width)
        capture.set(cv2.CAP_PROP_FRAME_HEIGHT, height)
    if fps:
        capture.set(cv2.CAP_PROP_FPS, fps)
    fourcc = uri.options.get("fourcc", "MJPG")
    if len(fourcc) == 4:
        capture.set(cv2.CAP_PROP_FOURCC, cv2.VideoWriter.fourcc(*fourcc))
    got = int(capture.get(cv2.CAP_PROP_FOURCC))
    _log.info(
        "camera %d: %dx%d @ %.1f fps, fourcc %s",
        index,
        int(capture.get(cv2.CAP_PROP_FRAME_WIDTH)),
        int(capture.get(cv2.CAP_PROP_FRAME_HEIGHT)),
        capture.get(cv2.CAP_PROP_FPS),
        "".join(chr((got >> (8 * i)) & 0xFF) for i in range(4)),
    )
    return capture


def _no_camera(index: int) -> str:
    return f"找不到摄像头 {index}：请检查摄像头（高拍仪）是否插好，或换一个序号，例如 camera:1。"


def as_u8(image: npt.NDArray[Any]) -> npt.NDArray[np.uint8]:
    """OpenCV's stubs type every result as a numeric array; 8-bit images are uint8 (converted if not)."""
    return cast(npt.NDArray[np.uint8], image) if image.dtype == np.uint8 else image.astype(np.uint8)


def _bgr(image: npt.NDArray[Any]) -> Frame:
    if image.ndim == 2:
        return as_u8(cv2.cvtColor(image, cv2.COLOR_GRAY2BGR))
    if image.shape[2] == 4:
        return as_u8(cv2.cvtColor(image, cv2.COLOR_BGRA2BGR))
    return as_u8(image)
