// Alert rules over Application Insights, routed to one action group. The app writes the log events these queries
// look for (docs/operations.md lists each alert and what to do about it).
param name string
param location string
param tags object
param applicationInsightsName string
param functionAppName string
param alertEmail string = ''

resource appInsights 'Microsoft.Insights/components@2020-02-02' existing = { name: applicationInsightsName }

resource actionGroup 'Microsoft.Insights/actionGroups@2023-01-01' = {
  name: 'ag-${name}'
  location: 'global'
  tags: tags
  properties: {
    groupShortName: 'obrador'
    enabled: true
    emailReceivers: empty(alertEmail) ? [] : [ { name: 'oncall', emailAddress: alertEmail, useCommonAlertSchema: true } ]
  }
}

var rules = [
  { id: 'function-failures', severity: 1, window: 'PT15M', threshold: 5, description: 'Function invocations failing', query: 'requests | where cloud_RoleName =~ "${functionAppName}" and success == false | summarize AggregatedValue = count()' }
  { id: 'nightly-run-failed', severity: 1, window: 'PT1H', threshold: 0, description: 'Nightly pipeline run failed', query: 'traces | where message has "PipelineRunFailed" | summarize AggregatedValue = count()' }
  { id: 'nightly-run-late', severity: 2, window: 'P1D', threshold: 1, operator: 'LessThan', description: 'No nightly run completed in the last 24 hours', query: 'traces | where message has "PipelineRunCompleted" | summarize AggregatedValue = count()' }
  { id: 'quality-critical', severity: 1, window: 'PT1H', threshold: 0, description: 'Data-quality check failed at critical severity', query: 'traces | where message has "QualityCheckCritical" | summarize AggregatedValue = count()' }
  { id: 'cost-anomaly-critical', severity: 2, window: 'PT1H', threshold: 0, description: 'Critical cost anomaly detected', query: 'traces | where message has "CostAnomalyCritical" | summarize AggregatedValue = count()' }
  { id: 'api-latency-p99', severity: 3, window: 'PT15M', threshold: 200, description: 'API p99 latency above 200 ms', query: 'requests | where name startswith "Get" | summarize AggregatedValue = percentile(duration, 99)' }
  { id: 'api-5xx-rate', severity: 2, window: 'PT15M', threshold: 2, description: 'API 5xx responses above 2%', query: 'requests | summarize AggregatedValue = 100.0 * countif(toint(resultCode) >= 500) / count()' }
]

resource alertRules 'Microsoft.Insights/scheduledQueryRules@2023-03-15-preview' = [for r in rules: {
  name: 'alert-${r.id}-${name}'
  location: location
  tags: tags
  properties: {
    displayName: 'Obrador: ${r.description}'
    description: r.description
    severity: r.severity
    enabled: true
    scopes: [ appInsights.id ]
    evaluationFrequency: r.window == 'P1D' ? 'PT1H' : 'PT5M'
    windowSize: r.window
    criteria: {
      allOf: [
        {
          query: r.query
          timeAggregation: 'Maximum'
          metricMeasureColumn: 'AggregatedValue'
          operator: r.?operator ?? 'GreaterThan'
          threshold: r.threshold
          failingPeriods: { numberOfEvaluationPeriods: 1, minFailingPeriodsToAlert: 1 }
        }
      ]
    }
    actions: { actionGroups: [ actionGroup.id ] }
  }
}]
