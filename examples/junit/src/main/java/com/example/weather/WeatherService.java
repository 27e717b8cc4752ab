package com.example.weather;

/** Where the forecasts come from; the agent's tool calls this. */
@FunctionalInterface
public interface WeatherService {
    String forecast(String city);
}
