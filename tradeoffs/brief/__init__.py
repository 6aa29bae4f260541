"""The one-page brief (PDF) and its slide (PPTX): what they say (content), the chart as a PNG, the layouts."""
