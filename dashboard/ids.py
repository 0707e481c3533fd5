"""Component ids of the page, one constant each, shared by layout, callbacks, assets and tests."""
from __future__ import annotations

LOCATION = "url"
URL_QUERY = "url-query"            # store: the query string the browser should show
MAP = "map"
SPAN = "span"                      # store: {"first": ISO date, "days": slider max}
VIEWPORT = "viewport"              # store: {"lat", "lon", "zoom"} of the map as last seen
ERROR = "error-banner"
ERROR_TEXT = "error-text"
ERROR_CLOSE = "error-close"
STATUS = "status-line"
NOTICE = "url-notice"              # a word on a link's date the map could not show

# time
DATE_SLIDER = "date-slider"
DATE_LABEL = "date-label"
PLAY = "play-button"
SPEED = "speed"
STEP_BACK_WEEK = "step-back-week"
STEP_BACK_DAY = "step-back-day"
STEP_FWD_DAY = "step-forward-day"
STEP_FWD_WEEK = "step-forward-week"
PLAYING = "playing"                # store: bool, playback on

# filters
FACTIONS = "factions"
FACTIONS_ALL = "factions-all"
FACTIONS_NONE = "factions-none"
LAYERS = "layers"
ACTIONS = "actions"
CERTAINTIES = "certainties"
WINDOW = "window-days"
FADE = "fade-days"               # fade ground whose evidence is older than this many days (0: off)
TILES = "online-tiles"

# the map's data: see dashboard/map_sources.py and dashboard/frames.py
BASE_FIGURE = "base-figure"        # store: {"layout", "base", "sources", "layers"}: the map but its dates
FRAMES = "frames"                  # store: {"key", "pieces", "dates"}
FRAME_REQUEST = "frame-request"    # store: {"key", "offset", "stride", "have", "bytes"} from the browser

# the legend on the map: its body is drawn by assets/frontline.js from the base figure's catalogue
LEGEND = "legend"
LEGEND_BODY = "legend-body"

# sources
EVENT_TABLE = "event-table"
EVENT_COUNT = "event-count"
SELECTED_EVENT = "selected-event"
SOURCE_PANEL = "source-panel"

# place search
PLACE_SEARCH = "place-search"
PLACE_GO = "place-go"
PLACE_PANEL = "place-panel"

# area chart
AREA_CHART = "area-chart"
AREA_POLL = "area-poll"            # interval: re-asks for the area chart until it is computed

# review of an added report
UPLOAD = "upload"
PASTE = "paste-text"
PASTE_DATE = "paste-date"
EXTRACT = "extract-button"
REVIEW_MESSAGE = "review-message"
REVIEW_DIALOG = "review-dialog"     # the wide panel holding the review table
REVIEW_TITLE = "review-title"
REVIEW_TABLE = "review-table"       # DataTable: a row per extracted event, editable
REVIEW_ACCEPT = "review-accept"
REVIEW_REJECT = "review-reject"
REVIEW_CLOSE = "review-close"
REVIEW_DOC = "review-doc"          # store: the document under review
DATA_VERSION = "data-version"      # store: bumps when the store gains events

# panels
TAB_PANEL = "side-tabs"

# export (the export package)
EXPORT_FORMAT = "export-format"
EXPORT_SCALE = "export-scale"
EXPORT_BUTTON = "export-button"
EXPORT_DOWNLOAD = "export-download"
EXPORT_PROGRESS = "export-progress"  # shown while an export is being made
EXPORT_STATUS = "export-status"      # what the last export made, and in how long
