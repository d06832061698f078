{{/* The chart name, or nameOverride. */}}
{{- define "flotilla.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* The release's full name: fullnameOverride, else release-chart (the release name alone when it contains the chart name). */}}
{{- define "flotilla.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{/* chart-version, for the helm.sh/chart label. */}}
{{- define "flotilla.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Labels that select the controller's pods. */}}
{{- define "flotilla.selectorLabels" -}}
app.kubernetes.io/name: {{ include "flotilla.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/component: controller
{{- end }}

{{/* Labels on every object of the release. */}}
{{- define "flotilla.labels" -}}
helm.sh/chart: {{ include "flotilla.chart" . }}
{{ include "flotilla.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{/* The ServiceAccount the controller runs as. */}}
{{- define "flotilla.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "flotilla.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/* The image reference; the tag defaults to the chart's appVersion. */}}
{{- define "flotilla.image" -}}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) }}
{{- end }}

{{/* Namespace of the leader-election Lease. */}}
{{- define "flotilla.leaseNamespace" -}}
{{- default .Release.Namespace .Values.leaderElection.namespace }}
{{- end }}

{{/* Base name of the leader-election Lease (a shard appends -shard-N). */}}
{{- define "flotilla.leaseName" -}}
{{- default (include "flotilla.fullname" .) .Values.leaderElection.leaseName }}
{{- end }}

{{/*
The shards to render, as a list of dicts {suffix, index}: one entry with no
index when sharding is off, else one per shard.
*/}}
{{- define "flotilla.shards" -}}
{{- $shards := list }}
{{- if gt (int .Values.sharding.shards) 1 }}
{{- range $i := until (int .Values.sharding.shards) }}
{{- $shards = append $shards (dict "suffix" (printf "-shard-%d" $i) "index" (toString $i)) }}
{{- end }}
{{- else }}
{{- $shards = append $shards (dict "suffix" "" "index" "") }}
{{- end }}
{{- toJson $shards }}
{{- end }}

{{/* Pod labels of one shard: the selector labels plus flotilla.io/shard when sharded. */}}
{{- define "flotilla.shardSelectorLabels" -}}
{{ include "flotilla.selectorLabels" .root }}
{{- if .shard.index }}
flotilla.io/shard: {{ .shard.index | quote }}
{{- end }}
{{- end }}

{{/*
Git credential variables taken from single keys of git.credentials.existingSecret
(when keys are mapped; otherwise the Deployment uses envFrom on the whole Secret).
*/}}
{{- define "flotilla.gitCredentialEnv" -}}
{{- $creds := .Values.git.credentials }}
{{- if $creds.existingSecret }}
{{- range $env, $key := dict "FLOTILLA_GIT_USERNAME" $creds.keys.username "FLOTILLA_GIT_PASSWORD" $creds.keys.password "FLOTILLA_GIT_TOKEN" $creds.keys.token }}
{{- if $key }}
- name: {{ $env }}
  valueFrom:
    secretKeyRef:
      name: {{ $creds.existingSecret }}
      key: {{ $key }}
{{- end }}
{{- end }}
{{- end }}
{{- end }}
